import {
  defaultConfig,
  resourcesOfTypes,
  resourceTypeOf,
  tierResources,
  withoutPreventDestroy,
  withPreventDestroySet,
  type MockforgeConfig,
  type ResourceBody,
  type TierConfig,
  type TierName,
} from '@mockforge-infra/core';
import { kubernetesTarget } from '@mockforge-infra/kubernetes';
import { gcpTarget } from './target';

/** GKE workload stacks hold Kubernetes objects, so their stateful types count too. */
const STATEFUL_TYPES = [...gcpTarget.statefulResourceTypes, ...kubernetesTarget.statefulResourceTypes];

function config(tier: TierName, changes: Partial<TierConfig> = {}): MockforgeConfig {
  const base = defaultConfig(['gcp']);
  return { ...base, tiers: { ...base.tiers, [tier]: { ...base.tiers[tier]!, ...changes } } };
}

const synthResources = (tier: TierName, changes?: Partial<TierConfig>) => tierResources(gcpTarget, config(tier, changes), tier);
const stateful = (resources: Map<string, ResourceBody>) => resourcesOfTypes(resources, STATEFUL_TYPES);
const unprotected = (resources: Map<string, ResourceBody>) => withoutPreventDestroy(stateful(resources));

const HYBRID: Partial<TierConfig> = { topology: 'hybrid', regions: { gcp: ['us-central1'] } };

describe('prevent_destroy on stateful Google Cloud resources', () => {
  const production = {
    'multi-region on Cloud Run': synthResources('production'),
    'hybrid on Cloud Run': synthResources('production', HYBRID),
    'hybrid on GKE': synthResources('production', { ...HYBRID, compute: { gcp: 'gke' } }),
  };

  it.each(Object.keys(production))('protects every stateful resource in production (%s)', (layout) => {
    const resources = production[layout as keyof typeof production];
    expect(stateful(resources).length).toBeGreaterThan(0);
    expect(unprotected(resources)).toEqual([]);
  });

  it('covers every stateful type the target lists', () => {
    const seen = new Set(Object.values(production).flatMap((resources) => stateful(resources).map(([address]) => resourceTypeOf(address))));
    // Only claim templates inside StatefulSets are synthesized; no standalone claim is.
    expect(STATEFUL_TYPES.filter((type) => !seen.has(type))).toEqual(['kubernetes_persistent_volume_claim_v1']);
  });

  it('keeps the lifecycle settings a resource already had', () => {
    const ignored = (type: string) =>
      stateful(production['hybrid on GKE'])
        .filter(([address]) => resourceTypeOf(address) === type)
        .map(([, body]) => body.lifecycle?.ignore_changes);
    expect(ignored('google_sql_database_instance')).toEqual([['settings[0].disk_size']]);
    expect(ignored('kubernetes_stateful_set_v1')).toEqual([['spec[0].replicas']]);
  });

  it('protects every stateful resource in staging', () => {
    const resources = synthResources('staging');
    expect(stateful(resources).length).toBeGreaterThan(0);
    expect(unprotected(resources)).toEqual([]);
  });

  it('protects nothing in dev, which stays disposable', () => {
    const resources = synthResources('dev');
    expect(stateful(resources).length).toBeGreaterThan(0);
    expect(withPreventDestroySet(resources)).toEqual([]);
  });

  it('protects nothing in a tier that opts out of deletion protection with a reason', () => {
    const resources = synthResources('staging', { optOuts: { deletionProtection: { reason: 'ephemeral load-test environment' } } });
    expect(withPreventDestroySet(resources)).toEqual([]);
  });
});
