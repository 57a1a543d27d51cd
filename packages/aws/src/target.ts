import type { CloudTarget, MockforgeStack, PolicyEngine, TargetContext } from '@mockforge-infra/core';
import type { KubernetesWorkloadStack } from '@mockforge-infra/kubernetes';
import type { Construct } from 'constructs';
import { awsRules } from './rules';
import { AwsGlobalStack } from './stacks/global-stack';
import { AwsRegionalStack } from './stacks/regional-stack';

/**
 * Lays out a tier on AWS: the primary region first, then the others (which replicate from it),
 * then the global stack that puts CloudFront and GeoDNS in front of them.
 */
function addStacks(scope: Construct, context: TargetContext, policy: PolicyEngine): MockforgeStack[] {
  const [primaryRegion, ...others] = context.topology.regions;
  const primary = new AwsRegionalStack(scope, { context, region: primaryRegion!, policy });
  const secondaries = others.map((region) => new AwsRegionalStack(scope, { context, region, policy, primary }));
  const regions = [primary, ...secondaries];
  const workloads = new Map<string, KubernetesWorkloadStack>();
  if (context.tierConfig.compute?.aws === 'eks') {
    // Loaded only for EKS tiers, so ECS synths never load the Kubernetes provider bindings.
    const { addEksWorkload } = require('./stacks/eks-workload') as typeof import('./stacks/eks-workload');
    for (const regional of regions) workloads.set(regional.region, addEksWorkload(scope, regional, policy));
  }
  const global = new AwsGlobalStack(scope, { context, policy, regions, workloads });
  return [...regions, ...workloads.values(), global];
}

export const awsTarget: CloudTarget = {
  cloud: 'aws',
  rules: awsRules,
  statefulResourceTypes: [
    'aws_db_instance',
    'aws_elasticache_replication_group',
    'aws_elasticache_global_replication_group',
    'aws_s3_bucket',
    'aws_backup_vault',
    'aws_kms_key',
    'aws_efs_file_system',
    // Regional RBAC users and the REDIS_URL version: replacing one alone breaks the app's Redis login.
    'aws_elasticache_user',
    'aws_elasticache_user_group',
    'aws_secretsmanager_secret_version',
    // A new zone gets new name servers, which the parent domain's delegation would no longer match.
    'aws_route53_zone',
  ],
  addStacks,
};
