import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Testing, TerraformStack } from 'cdktf';
import {
  defaultConfig,
  PolicyEngine,
  targetContext,
  type MockforgeConfig,
  type TargetContext,
  type TierName,
  type TierConfig,
} from '@mockforge-infra/core';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';

/** A target context from the built-in configuration, with optional tier changes. */
export function gcpContext(tier: TierName, changes: Partial<TierConfig> = {}, configChanges: Partial<MockforgeConfig> = {}): TargetContext {
  const base = defaultConfig(['gcp']);
  const config: MockforgeConfig = { ...base, ...configChanges, tiers: { ...base.tiers, [tier]: { ...base.tiers[tier]!, ...changes } } };
  return targetContext(config, tier, 'gcp');
}

/** Synthesized JSON of one stack, parsed. */
export function synthJson(stack: TerraformStack): {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, unknown>;
} {
  return JSON.parse(Testing.synth(stack));
}

/** All resources of a type, as a list. */
export function resourcesOf(json: ReturnType<typeof synthJson>, type: string): Record<string, unknown>[] {
  return Object.values(json.resource[type] ?? {});
}

/** A bare stack with a Google provider, for rule fixtures. */
export function fixtureStack(): TerraformStack {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, 'fixture');
  new GoogleProvider(stack, 'google', { project: 'mockforge-example', region: 'us-central1' });
  return stack;
}

export const noPolicy = () => new PolicyEngine([], { failOnError: false });

/** Synthesizes the whole app (cross-stack references, aspects, policy checks) and returns one stack's JSON. */
export function appSynthJson(stack: TerraformStack): ReturnType<typeof synthJson> {
  (stack.node.root as App).synth();
  return synthesizedJson(stack);
}

/** One stack's JSON from an app already synthesized. */
export function synthesizedJson(stack: TerraformStack): ReturnType<typeof synthJson> {
  return JSON.parse(readFileSync(join((stack.node.root as App).outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
}
