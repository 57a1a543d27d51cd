import { Testing, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import {
  defaultConfig,
  synthTargetTier,
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

export {
  onlyResourceOfType as only,
  resourcesOfType as resourcesOf,
  type JsonBody as Body,
  type SynthesizedStackJson as StackJson,
} from '@mockforge-infra/core';

/** Synthesizes a whole tier (cross-stack references, aspects, policy) and returns each stack's JSON by stack id. */
export function synthTier(tier: TierName, changes: Partial<TierConfig> = {}, configChanges: Partial<MockforgeConfig> = {}) {
  return synthTargetTier(azureTarget, azureContext(tier, changes, configChanges));
}

/** A bare stack with an azurerm provider, for rule fixtures. */
export function fixtureStack(name = 'production-azure-eastus'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), name);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}
