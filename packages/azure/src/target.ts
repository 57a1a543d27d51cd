import type { CloudTarget, MockforgeStack, PolicyEngine, TargetContext } from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { azureRules } from './rules';
import { AZURE_STATEFUL_RESOURCE_TYPES } from './stateful-types';
import { AzureGlobalStack } from './stacks/global-stack';
import { AzureRegionalStack, usesAks } from './stacks/regional-stack';

/**
 * Lays out a tier on Azure: one stack per region (the first holds the primary database), a workload
 * stack per AKS cluster, then the global stack with Front Door, which reads every region's origin.
 */
function addStacks(scope: Construct, context: TargetContext, policy: PolicyEngine): MockforgeStack[] {
  const regional: AzureRegionalStack[] = [];
  for (const region of context.topology.regions) {
    regional.push(new AzureRegionalStack(scope, { context, region, policy, primary: regional[0] }));
  }
  // Loaded only for AKS tiers, so Container Apps synths never load the Kubernetes bindings.
  const aks = usesAks(context) ? (require('./stacks/aks-workload-stack') as typeof import('./stacks/aks-workload-stack')) : undefined;
  const workloads = aks ? regional.map((r) => aks.addAksWorkloadStack(scope, { context, policy, regional: r })) : [];
  const aksOrigins =
    aks && context.tierConfig.compute?.azure === 'aks' ? workloads.map((w, i) => aks.aksOrigin(context, regional[i]!, w)) : [];
  return [...regional, ...workloads, new AzureGlobalStack(scope, { context, policy, regions: regional, aksOrigins })];
}

export const azureTarget: CloudTarget = {
  cloud: 'azure',
  rules: azureRules,
  kubernetesRules: () => (require('./rules/aks-node-fit') as typeof import('./rules/aks-node-fit')).aksNodeFitRules,
  statefulResourceTypes: AZURE_STATEFUL_RESOURCE_TYPES,
  addStacks,
};
