import type { MockforgeConfig, TierConfig, TierName } from '@mockforge-infra/core';
import { OBJECT_NAMES } from './labels';
import { kubernetesTarget } from './target';
import { synthTier } from './testing/fixtures';

type Json = Record<string, any>;

/** The hybrid pattern with in-cluster Redis: both StatefulSets of the standalone target. */
const hybrid =
  (tier: TierName, changes: Partial<TierConfig> = {}) =>
  (c: MockforgeConfig): MockforgeConfig => ({
    ...c,
    tiers: { ...c.tiers, [tier]: { ...c.tiers[tier]!, topology: 'hybrid', ...changes } },
    kubernetes: { inClusterRedis: true },
  });

/** Every stateful resource of the tier's first cluster stack, by Terraform address. */
function statefulResources(tier: TierName, changes?: Partial<TierConfig>): [string, Json][] {
  const { json } = synthTier(tier, hybrid(tier, changes));
  return kubernetesTarget.statefulResourceTypes.flatMap((type) =>
    Object.entries((json.resource?.[type] ?? {}) as Record<string, Json>).map(([name, body]): [string, Json] => [`${type}.${name}`, body]),
  );
}

const unprotected = (resources: [string, Json][]) =>
  resources.filter(([, body]) => body.lifecycle?.prevent_destroy !== true).map(([a]) => a);

describe('prevent_destroy on stateful Kubernetes resources', () => {
  it.each(['staging', 'production'] as const)('protects both StatefulSets in %s', (tier) => {
    const resources = statefulResources(tier);
    expect(resources.map(([address]) => address.split('.')[0])).toEqual(['kubernetes_stateful_set_v1', 'kubernetes_stateful_set_v1']);
    expect(unprotected(resources)).toEqual([]);
  });

  it('keeps the HPA owning the pool replicas', () => {
    const pools = statefulResources('production').filter(([, body]) => body.metadata.name !== OBJECT_NAMES.redis);
    expect(pools.map(([, body]) => body.lifecycle)).toEqual([{ ignore_changes: ['spec[0].replicas'], prevent_destroy: true }]);
  });

  it('protects nothing in dev, which stays disposable', () => {
    const resources = statefulResources('dev');
    expect(resources).toHaveLength(2);
    expect(resources.filter(([, body]) => body.lifecycle?.prevent_destroy !== undefined)).toEqual([]);
  });

  it('protects nothing in a tier that opts out of deletion protection with a reason', () => {
    const resources = statefulResources('staging', { optOuts: { deletionProtection: { reason: 'ephemeral load-test environment' } } });
    expect(resources).toHaveLength(2);
    expect(resources.filter(([, body]) => body.lifecycle?.prevent_destroy !== undefined)).toEqual([]);
  });
});
