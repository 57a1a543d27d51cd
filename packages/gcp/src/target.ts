import type { CloudTarget, MockforgeStack, PolicyEngine, TargetContext } from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { gcpRules } from './rules';
import { GCP_STATEFUL_RESOURCE_TYPES } from './stateful-types';
import { GcpGlobalStack } from './stacks/global-stack';
import { GcpRegionalStack, usesGke } from './stacks/regional-stack';

/**
 * Lays out a tier on Google Cloud: one stack per region (the first owns the VPC), a workload stack
 * per GKE cluster, and the global stack, which reads the regions' NEGs: Cloud Run's serverless NEGs
 * through remote state, or (compute `gke`) the workload stacks' standalone NEGs by name, so it
 * depends on those workload stacks. References only point one way, so there is no cycle.
 */
function addStacks(scope: Construct, context: TargetContext, policy: PolicyEngine): MockforgeStack[] {
  // Loaded only for GKE tiers, so Cloud Run synths never load GKE or the Kubernetes provider bindings.
  const gke = usesGke(context) ? (require('./stacks/gke') as typeof import('./stacks/gke')).GKE_CONSTRUCTS : undefined;
  const regional: GcpRegionalStack[] = [];
  for (const region of context.topology.regions) {
    regional.push(new GcpRegionalStack(scope, { context, region, policy, primary: regional[0], gke }));
  }
  const workloads = gke ? regional.map((r) => gke.addGkeWorkloadStack(scope, { context, policy, regional: r })) : [];
  const serving = gke && gke.gkeServesTraffic(context) ? workloads.map((stack, i) => ({ region: regional[i]!.region, stack })) : [];
  const global = new GcpGlobalStack(scope, { context, policy, regions: regional, workloads: serving });
  return [...regional, ...workloads, global];
}

export const gcpTarget: CloudTarget = {
  cloud: 'gcp',
  /** GKE workload stacks register the Kubernetes rules on the policy when they are added. */
  rules: gcpRules,
  kubernetesRules: () => (require('./rules/gke-node-fit') as typeof import('./rules/gke-node-fit')).gkeNodeFitRules,
  statefulResourceTypes: GCP_STATEFUL_RESOURCE_TYPES,
  addStacks,
};
