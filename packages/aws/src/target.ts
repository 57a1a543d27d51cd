import type { CloudTarget, MockforgeStack, PolicyEngine, TargetContext } from '@mockforge-infra/core';
import type { KubernetesWorkloadStack } from '@mockforge-infra/kubernetes';
import type { Construct } from 'constructs';
import { awsRules } from './rules';
import { AWS_STATEFUL_RESOURCE_TYPES } from './stateful-types';
import { AwsGlobalStack } from './stacks/global-stack';
import { AwsRegionalStack } from './stacks/regional-stack';

/**
 * Lays out a tier on AWS: the primary region first, then the others (which replicate from it),
 * then the global stack that puts CloudFront and GeoDNS in front of them.
 */
function addStacks(scope: Construct, context: TargetContext, policy: PolicyEngine): MockforgeStack[] {
  const [primaryRegion, ...others] = context.topology.regions;
  const primary = new AwsRegionalStack(scope, { context, region: primaryRegion!, policy });
  // Each secondary peers with the primary and the secondaries before it (README: Regional failure).
  const secondaries: AwsRegionalStack[] = [];
  for (const region of others) {
    secondaries.push(new AwsRegionalStack(scope, { context, region, policy, primary, earlierSecondaries: [...secondaries] }));
  }
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
  kubernetesRules: () => (require('./rules/eks-node-fit') as typeof import('./rules/eks-node-fit')).eksNodeFitRules,
  statefulResourceTypes: AWS_STATEFUL_RESOURCE_TYPES,
  addStacks,
};
