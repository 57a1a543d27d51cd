import type { CloudTarget, MockforgeStack, PolicyEngine, TargetContext } from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { digitaloceanRules } from './rules';
import { DIGITALOCEAN_STATEFUL_RESOURCE_TYPES } from './stateful-types';
import { DigitalOceanGlobalStack } from './stacks/global-stack';
import { DigitalOceanRegionalStack, usesDoks } from './stacks/regional-stack';

/**
 * Lays out a tier on DigitalOcean: one stack per region (the first owns the project, the domain and
 * the primary database), a workload stack per DOKS cluster, then the global stack.
 */
function addStacks(scope: Construct, context: TargetContext, policy: PolicyEngine): MockforgeStack[] {
  const regional: DigitalOceanRegionalStack[] = [];
  for (const region of context.topology.regions) {
    regional.push(new DigitalOceanRegionalStack(scope, { context, region, policy, primary: regional[0] }));
  }
  // Loaded only for DOKS tiers, so App Platform synths never load the Kubernetes bindings.
  const workloads = usesDoks(context)
    ? regional.map((r) =>
        (require('./stacks/doks-workload-stack') as typeof import('./stacks/doks-workload-stack')).addDoksWorkloadStack(scope, {
          context,
          policy,
          regional: r,
        }),
      )
    : [];
  return [...regional, ...workloads, new DigitalOceanGlobalStack(scope, { context, policy, regions: regional })];
}

export const digitaloceanTarget: CloudTarget = {
  cloud: 'digitalocean',
  rules: digitaloceanRules,
  kubernetesRules: () => (require('./rules/doks-node-fit') as typeof import('./rules/doks-node-fit')).doksNodeFitRules,
  statefulResourceTypes: DIGITALOCEAN_STATEFUL_RESOURCE_TYPES,
  addStacks,
};
