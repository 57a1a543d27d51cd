import {
  countByType,
  resourcesOfTypes,
  tierResources,
  withoutPreventDestroy,
  withPreventDestroySet,
  type ResourceBody,
  type TierConfig,
  type TierName,
} from '@mockforge-infra/core';
import { digitaloceanTarget } from './target';
import { doConfig } from './testing/fixtures';

/**
 * Reviewed list, deliberately not read from the target: the types whose loss or replacement loses
 * data or identity (DOKS holds the workload; the domain holds the delegated zone). A type dropped
 * from the target's list leaves its resources unprotected here.
 */
const MUST_PROTECT = [
  'digitalocean_database_cluster',
  'digitalocean_database_replica',
  'digitalocean_domain',
  'digitalocean_kubernetes_cluster',
  'digitalocean_spaces_bucket',
  // The generated admin credentials, once per tier in the primary region.
  'terraform_data',
];

/** One region on App Platform: PostgreSQL and Valkey, the config bucket and its log bucket, the domain, the generated credentials. */
const ONE_REGION = { digitalocean_database_cluster: 2, digitalocean_domain: 1, digitalocean_spaces_bucket: 2, terraform_data: 1 };

/** Protected resources per type, per layout (reviewed counts). */
const PROTECTED: Readonly<Record<string, Record<string, number>>> = {
  // The primary PostgreSQL and three Valkey clusters, a read-only node in ams3 and blr1, a cluster per region.
  'multi-region on DOKS': {
    digitalocean_database_cluster: 4,
    digitalocean_database_replica: 2,
    digitalocean_domain: 1,
    digitalocean_kubernetes_cluster: 3,
    digitalocean_spaces_bucket: 2,
    terraform_data: 1,
  },
  'one region on DOKS': { ...ONE_REGION, digitalocean_kubernetes_cluster: 1 },
  staging: ONE_REGION,
};

const synth = (tier: TierName, changes?: Partial<TierConfig>) => tierResources(digitaloceanTarget, doConfig(tier, changes), tier);
const mustProtect = (resources: Map<string, ResourceBody>) => resourcesOfTypes(resources, MUST_PROTECT);
const keys = (resources: [string, ResourceBody][]) => resources.map(([key]) => key);

describe('prevent_destroy on stateful DigitalOcean resources', () => {
  const synthesized = {
    'multi-region on DOKS': synth('production'),
    'one region on DOKS': synth('staging', { compute: { digitalocean: 'doks' } }),
    staging: synth('staging'),
  };

  it.each(Object.keys(synthesized))('protects every stateful resource, and only those (%s)', (layout) => {
    const resources = synthesized[layout as keyof typeof synthesized];
    expect(withoutPreventDestroy(mustProtect(resources))).toEqual([]);
    expect(countByType(keys(mustProtect(resources)))).toEqual(PROTECTED[layout]);
    expect(countByType(withPreventDestroySet(resources))).toEqual(PROTECTED[layout]);
  });

  it('lists exactly the reviewed types in the target', () => {
    expect([...digitaloceanTarget.statefulResourceTypes].sort()).toEqual(MUST_PROTECT);
  });

  it('protects nothing in dev, which stays disposable', () => {
    const resources = synth('dev');
    // Dev runs neither PostgreSQL nor Valkey.
    expect(countByType(keys(mustProtect(resources)))).toEqual({ digitalocean_domain: 1, digitalocean_spaces_bucket: 2, terraform_data: 1 });
    expect(withPreventDestroySet(resources)).toEqual([]);
  });

  it('protects nothing in a tier that opts out of deletion protection with a reason', () => {
    const resources = synth('staging', { optOuts: { deletionProtection: { reason: 'ephemeral load-test environment' } } });
    expect(countByType(keys(mustProtect(resources)))).toEqual(ONE_REGION);
    expect(withPreventDestroySet(resources)).toEqual([]);
  });
});
