import type { CloudTarget, MockforgeStack, PolicyEngine, TargetContext } from '@mockforge-infra/core';
import { kubernetesRules } from '@mockforge-infra/kubernetes';
import type { Construct } from 'constructs';
import { gcpRules } from './rules';
import { addGkeWorkloadStack } from './stacks/gke-workload-stack';
import { GcpGlobalStack } from './stacks/global-stack';
import { GcpRegionalStack } from './stacks/regional-stack';

/**
 * Lays out a tier on Google Cloud: one stack per region (the first owns the VPC), a workload stack
 * per GKE cluster, then the global stack. References only point forward, so there is no cycle.
 */
function addStacks(scope: Construct, context: TargetContext, policy: PolicyEngine): MockforgeStack[] {
  const regional: GcpRegionalStack[] = [];
  for (const region of context.topology.regions) {
    regional.push(new GcpRegionalStack(scope, { context, region, policy, primary: regional[0] }));
  }
  const workloads = regional.filter((r) => r.cluster).map((r) => addGkeWorkloadStack(scope, { context, policy, regional: r }));
  return [...regional, ...workloads, new GcpGlobalStack(scope, { context, policy, regions: regional })];
}

export const gcpTarget: CloudTarget = {
  cloud: 'gcp',
  /** The GKE workload stacks carry Kubernetes objects, so the Kubernetes rules apply too. */
  get rules() {
    return [...gcpRules, ...kubernetesRules];
  },
  statefulResourceTypes: ['google_sql_database_instance', 'google_redis_instance', 'google_storage_bucket', 'google_container_cluster'],
  addStacks,
};
