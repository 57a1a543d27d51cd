import {
  countByType,
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

/**
 * Reviewed list, deliberately not read from the target: the types whose loss or replacement loses
 * data (GKE holds the StatefulSet's volumes). GKE workload stacks add the StatefulSet. A type
 * dropped from the target's list leaves its resources unprotected here.
 */
const MUST_PROTECT = [
  'google_container_cluster',
  'google_dns_managed_zone',
  'google_redis_instance',
  'google_sql_database_instance',
  'google_storage_bucket',
  'kubernetes_stateful_set_v1',
  // The generated credentials, once per tier in the primary region.
  'terraform_data',
];

/** What a single-region tier holds: Cloud SQL, Memorystore, the config bucket with its access-log bucket, the DNS zone and the generated credentials. */
const ONE_REGION = {
  google_dns_managed_zone: 1,
  google_redis_instance: 1,
  google_sql_database_instance: 1,
  google_storage_bucket: 2,
  terraform_data: 1,
};

/** Protected resources per type, per layout (reviewed counts). */
const PROTECTED: Readonly<Record<string, Record<string, number>>> = {
  'multi-region on Cloud Run': {
    google_dns_managed_zone: 1,
    google_redis_instance: 3,
    google_sql_database_instance: 3,
    google_storage_bucket: 2,
    terraform_data: 1,
  },
  'hybrid on Cloud Run': { ...ONE_REGION, google_container_cluster: 1, kubernetes_stateful_set_v1: 1 },
  'hybrid on GKE': { ...ONE_REGION, google_container_cluster: 1, kubernetes_stateful_set_v1: 1 },
  staging: ONE_REGION,
};

function config(tier: TierName, changes: Partial<TierConfig> = {}): MockforgeConfig {
  const base = defaultConfig(['gcp']);
  return { ...base, tiers: { ...base.tiers, [tier]: { ...base.tiers[tier]!, ...changes } } };
}

const synthResources = (tier: TierName, changes?: Partial<TierConfig>) => tierResources(gcpTarget, config(tier, changes), tier);
const mustProtect = (resources: Map<string, ResourceBody>) => resourcesOfTypes(resources, MUST_PROTECT);
const keys = (resources: [string, ResourceBody][]) => resources.map(([key]) => key);

const HYBRID: Partial<TierConfig> = { topology: 'hybrid', regions: { gcp: ['us-central1'] } };

describe('prevent_destroy on stateful Google Cloud resources', () => {
  const synthesized = {
    'multi-region on Cloud Run': synthResources('production'),
    'hybrid on Cloud Run': synthResources('production', HYBRID),
    'hybrid on GKE': synthResources('production', { ...HYBRID, compute: { gcp: 'gke' } }),
    staging: synthResources('staging'),
  };

  it.each(Object.keys(synthesized))('protects every stateful resource, and only those (%s)', (layout) => {
    const resources = synthesized[layout as keyof typeof synthesized];
    expect(withoutPreventDestroy(mustProtect(resources))).toEqual([]);
    expect(countByType(keys(mustProtect(resources)))).toEqual(PROTECTED[layout]);
    expect(countByType(withPreventDestroySet(resources))).toEqual(PROTECTED[layout]);
  });

  it('lists exactly the reviewed types in the target (standalone claims come only from StatefulSet templates)', () => {
    expect([...gcpTarget.statefulResourceTypes, ...kubernetesTarget.statefulResourceTypes].sort()).toEqual(
      [...MUST_PROTECT, 'kubernetes_persistent_volume_claim_v1'].sort(),
    );
  });

  it('keeps the lifecycle settings a resource already had', () => {
    const ignored = (type: string) =>
      mustProtect(synthesized['hybrid on GKE'])
        .filter(([address]) => resourceTypeOf(address) === type)
        .map(([, body]) => body.lifecycle?.ignore_changes);
    expect(ignored('google_sql_database_instance')).toEqual([['settings[0].disk_size']]);
    expect(ignored('kubernetes_stateful_set_v1')).toEqual([['spec[0].replicas']]);
  });

  it('protects nothing in dev, which stays disposable and runs no Memorystore and no Cloud SQL', () => {
    const resources = synthResources('dev');
    expect(countByType(keys(mustProtect(resources)))).toEqual({
      google_dns_managed_zone: 1,
      google_storage_bucket: 2,
      terraform_data: 1,
    });
    expect(withPreventDestroySet(resources)).toEqual([]);
  });

  it('protects nothing in a tier that opts out of deletion protection with a reason', () => {
    const resources = synthResources('staging', { optOuts: { deletionProtection: { reason: 'ephemeral load-test environment' } } });
    expect(countByType(keys(mustProtect(resources)))).toEqual(ONE_REGION);
    expect(withPreventDestroySet(resources)).toEqual([]);
  });
});
