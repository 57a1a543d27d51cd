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

/**
 * Reviewed list, deliberately not read from the target: StatefulSets and standalone claims hold
 * the pods' data. A type dropped from the target's list leaves its resources unprotected here.
 */
const MUST_PROTECT = ['kubernetes_stateful_set_v1', 'kubernetes_persistent_volume_claim_v1'];

/** Every resource of the tier's first cluster stack, by Terraform address. */
function allResources(tier: TierName, changes?: Partial<TierConfig>): [string, Json][] {
  const { json } = synthTier(tier, hybrid(tier, changes));
  return Object.entries((json.resource ?? {}) as Record<string, Record<string, Json>>).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]): [string, Json] => [`${type}.${name}`, body]),
  );
}

/** The resources of the reviewed stateful types. */
const statefulResources = (tier: TierName, changes?: Partial<TierConfig>): [string, Json][] =>
  allResources(tier, changes).filter(([address]) => MUST_PROTECT.includes(address.split('.')[0]!));

const withPreventDestroy = (resources: [string, Json][]) =>
  resources.filter(([, body]) => body.lifecycle?.prevent_destroy !== undefined).map(([address]) => address);

const unprotected = (resources: [string, Json][]) =>
  resources.filter(([, body]) => body.lifecycle?.prevent_destroy !== true).map(([a]) => a);

describe('prevent_destroy on stateful Kubernetes resources', () => {
  it.each(['staging', 'production'] as const)('protects both StatefulSets in %s, and nothing else', (tier) => {
    const resources = allResources(tier);
    const stateful = resources.filter(([address]) => MUST_PROTECT.includes(address.split('.')[0]!));
    expect(stateful.map(([, body]) => body.metadata.name).sort()).toEqual(['mockforge-redis', 'mockforge-stateful']);
    expect(unprotected(stateful)).toEqual([]);
    expect(withPreventDestroy(resources).sort()).toEqual(stateful.map(([address]) => address).sort());
  });

  it('lists exactly the reviewed types in the target', () => {
    expect([...kubernetesTarget.statefulResourceTypes].sort()).toEqual([...MUST_PROTECT].sort());
  });

  it('keeps the HPA owning the pool replicas', () => {
    const pools = statefulResources('production').filter(([, body]) => body.metadata.name !== OBJECT_NAMES.redis);
    expect(pools.map(([, body]) => body.lifecycle)).toEqual([{ ignore_changes: ['spec[0].replicas'], prevent_destroy: true }]);
  });

  it('protects nothing in dev, which stays disposable', () => {
    expect(statefulResources('dev')).toHaveLength(2);
    expect(withPreventDestroy(allResources('dev'))).toEqual([]);
  });

  it('protects nothing in a tier that opts out of deletion protection with a reason', () => {
    const optOut = { optOuts: { deletionProtection: { reason: 'ephemeral load-test environment' } } };
    expect(statefulResources('staging', optOut)).toHaveLength(2);
    expect(withPreventDestroy(allResources('staging', optOut))).toEqual([]);
  });
});
