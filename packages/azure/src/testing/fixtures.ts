import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import {
  defaultConfig,
  PolicyEngine,
  targetContext,
  type MockforgeConfig,
  type TargetContext,
  type TierConfig,
  type TierName,
} from '@mockforge-infra/core';
import { azureTarget } from '../target';

/** The built-in Azure configuration with optional tier and top-level changes. */
export function azureConfig(
  tier: TierName,
  changes: Partial<TierConfig> = {},
  configChanges: Partial<MockforgeConfig> = {},
): MockforgeConfig {
  const base = defaultConfig(['azure']);
  return { ...base, ...configChanges, tiers: { ...base.tiers, [tier]: { ...base.tiers[tier]!, ...changes } } };
}

export function azureContext(
  tier: TierName,
  changes: Partial<TierConfig> = {},
  configChanges: Partial<MockforgeConfig> = {},
): TargetContext {
  return targetContext(azureConfig(tier, changes, configChanges), tier, 'azure');
}

export type Body = Record<string, any>;
export interface StackJson {
  resource: Record<string, Record<string, Body>>;
  variable?: Record<string, Body>;
  output?: Record<string, Body>;
}

/** Synthesizes a whole tier (cross-stack references, aspects, policy) and returns each stack's JSON by stack id. */
export function synthTier(tier: TierName, changes: Partial<TierConfig> = {}, configChanges: Partial<MockforgeConfig> = {}) {
  const app = Testing.app();
  const policy = new PolicyEngine(azureTarget.rules, { failOnError: false });
  const stacks = azureTarget.addStacks(app, azureContext(tier, changes, configChanges), policy);
  app.synth();
  const json: Record<string, StackJson> = Object.fromEntries(
    stacks.map((s) => [s.node.id, JSON.parse(readFileSync(join(app.outdir, 'stacks', s.node.id, 'cdk.tf.json'), 'utf8'))]),
  );
  return { stacks: stacks.map((s) => s.node.id), json, policy };
}

/** Every resource of a type in one stack, without cdktf's metadata. */
export function resourcesOf(stack: StackJson | undefined, type: string): Body[] {
  return Object.values(stack?.resource[type] ?? {}).map(({ '//': _, ...body }) => body);
}

/** The single resource of a type in one stack. */
export function only(stack: StackJson | undefined, type: string): Body {
  const found = resourcesOf(stack, type);
  if (found.length !== 1) throw new Error(`${found.length} ${type} resources, expected 1`);
  return found[0]!;
}

/** A bare stack with an azurerm provider, for rule fixtures. */
export function fixtureStack(name = 'production-azure-eastus'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), name);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}
