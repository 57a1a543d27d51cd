import { defaultConfig, PolicyEngine, targetContext, type MockforgeConfig, type TargetContext, type TierName } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { kubernetesRules } from '../rules';
import { KubernetesWorkloadStack } from '../stacks/workload-stack';
import { kubernetesTarget } from '../target';

/** The built-in config on the kubernetes cloud, with optional changes. */
export function kubernetesConfig(change: (c: MockforgeConfig) => MockforgeConfig = (c) => c): MockforgeConfig {
  return change(defaultConfig(['kubernetes']));
}

export function contextFor(tier: TierName, change?: (c: MockforgeConfig) => MockforgeConfig): TargetContext {
  return targetContext(kubernetesConfig(change), tier, 'kubernetes');
}

export interface SynthResult {
  readonly stack: KubernetesWorkloadStack;
  readonly json: Record<string, any>;
  readonly policy: PolicyEngine;
}

/** Builds the standalone stacks of one tier and returns the first cluster's stack and JSON. */
export function synthTier(tier: TierName, change?: (c: MockforgeConfig) => MockforgeConfig): SynthResult {
  const app = Testing.app();
  const policy = new PolicyEngine(kubernetesRules, { failOnError: false });
  const [stack] = kubernetesTarget.addStacks(app, contextFor(tier, change), policy) as KubernetesWorkloadStack[];
  const json = JSON.parse(Testing.synth(stack!, true)) as Record<string, any>;
  return { stack: stack!, json, policy };
}

/** The only resource of a type whose metadata.name matches. */
export function resourceNamed(json: Record<string, any>, type: string, name: string): Record<string, any> {
  const found = Object.values(json.resource?.[type] ?? {}).filter((r: any) => r.metadata?.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0] as Record<string, any>;
}

/** Every resource body of a type. */
export function resourcesOf(json: Record<string, any>, type: string): Record<string, any>[] {
  return Object.values(json.resource?.[type] ?? {}) as Record<string, any>[];
}

/** The server container of a Deployment or StatefulSet body. */
export function serverContainer(controller: Record<string, any>): Record<string, any> {
  return controller.spec.template.spec.container[0];
}
