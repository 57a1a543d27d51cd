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
import { awsTarget } from './target';

/**
 * Reviewed list, deliberately not read from the target: the types whose loss or replacement loses
 * data, keys or identity (the Redis login, the zone's delegation). EKS workload stacks add the
 * StatefulSet. A type dropped from the target's list leaves its resources unprotected here.
 */
const MUST_PROTECT = [
  'aws_backup_vault',
  'aws_db_instance',
  'aws_efs_file_system',
  'aws_elasticache_global_replication_group',
  'aws_elasticache_replication_group',
  'aws_elasticache_user',
  'aws_elasticache_user_group',
  'aws_kms_key',
  'aws_route53_zone',
  'aws_s3_bucket',
  'aws_secretsmanager_secret_version',
  'kubernetes_stateful_set_v1',
  'terraform_data',
];

/** What one region of a tier holds; the multi-region layout adds regions, copy vaults and keys, and the Global Datastore. */
const ONE_REGION = {
  aws_backup_vault: 2,
  aws_db_instance: 1,
  aws_elasticache_replication_group: 1,
  aws_elasticache_user: 3,
  aws_elasticache_user_group: 1,
  aws_kms_key: 2,
  aws_route53_zone: 1,
  aws_s3_bucket: 3,
  // The three admin secrets, DATABASE_URL and REDIS_URL.
  aws_secretsmanager_secret_version: 5,
  // The generated credentials.
  terraform_data: 1,
};

/** Protected resources per type, per layout (reviewed counts). */
const PROTECTED: Readonly<Record<string, Record<string, number>>> = {
  'multi-region on ECS': {
    aws_backup_vault: 8,
    aws_db_instance: 3,
    aws_elasticache_global_replication_group: 1,
    aws_elasticache_replication_group: 3,
    aws_elasticache_user: 9,
    aws_elasticache_user_group: 3,
    aws_kms_key: 8,
    aws_route53_zone: 1,
    aws_s3_bucket: 5,
    // The admin secrets, DATABASE_URL and REDIS_URL in every region.
    aws_secretsmanager_secret_version: 15,
    // Generated once, in the primary.
    terraform_data: 1,
  },
  'hybrid on ECS': { ...ONE_REGION, aws_efs_file_system: 1 },
  'hybrid on EKS': { ...ONE_REGION, kubernetes_stateful_set_v1: 1 },
  staging: ONE_REGION,
};

function config(tier: TierName, changes: Partial<TierConfig> = {}): MockforgeConfig {
  const base = defaultConfig(['aws']);
  return { ...base, tiers: { ...base.tiers, [tier]: { ...base.tiers[tier]!, ...changes } } };
}

const synthResources = (tier: TierName, changes?: Partial<TierConfig>) => tierResources(awsTarget, config(tier, changes), tier);
const mustProtect = (resources: Map<string, ResourceBody>) => resourcesOfTypes(resources, MUST_PROTECT);
const keys = (resources: [string, ResourceBody][]) => resources.map(([key]) => key);

const HYBRID: Partial<TierConfig> = { topology: 'hybrid', regions: { aws: ['us-east-1'] } };

describe('prevent_destroy on stateful AWS resources', () => {
  const synthesized = {
    'multi-region on ECS': synthResources('production'),
    'hybrid on ECS': synthResources('production', HYBRID),
    'hybrid on EKS': synthResources('production', { ...HYBRID, compute: { aws: 'eks' } }),
    staging: synthResources('staging'),
  };

  it.each(Object.keys(synthesized))('protects every stateful resource, and only those (%s)', (layout) => {
    const resources = synthesized[layout as keyof typeof synthesized];
    expect(withoutPreventDestroy(mustProtect(resources))).toEqual([]);
    expect(countByType(keys(mustProtect(resources)))).toEqual(PROTECTED[layout]);
    expect(countByType(withPreventDestroySet(resources))).toEqual(PROTECTED[layout]);
  });

  it('lists exactly the reviewed types in the target (standalone claims come only from StatefulSet templates)', () => {
    expect([...awsTarget.statefulResourceTypes, ...kubernetesTarget.statefulResourceTypes].sort()).toEqual(
      [...MUST_PROTECT, 'kubernetes_persistent_volume_claim_v1'].sort(),
    );
  });

  it('keeps the lifecycle settings a resource already had', () => {
    const ignored = (type: string) =>
      mustProtect(synthesized['multi-region on ECS'])
        .filter(([address]) => resourceTypeOf(address) === type)
        .map(([, body]) => body.lifecycle?.ignore_changes);
    expect(ignored('aws_secretsmanager_secret_version')).toEqual(Array.from({ length: 15 }, () => ['secret_string']));
    expect(ignored('terraform_data')).toEqual([['input']]);
    expect(ignored('aws_elasticache_user')).toContainEqual(['authentication_mode', 'passwords']);
    expect(ignored('aws_elasticache_replication_group')).toContainEqual(['num_node_groups']);
  });

  it('protects nothing in dev, which stays disposable and runs no RDS or ElastiCache', () => {
    const resources = synthResources('dev');
    // The one vault is the global stack's (the config bucket); the region has nothing to back up.
    expect(countByType(keys(mustProtect(resources)))).toEqual({
      aws_backup_vault: 1,
      aws_kms_key: 2,
      aws_route53_zone: 1,
      aws_s3_bucket: 3,
      // The admin secrets and the credentials they come from.
      aws_secretsmanager_secret_version: 3,
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
