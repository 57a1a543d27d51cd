import {
  defaultConfig,
  synthTargetTier,
  targetContext,
  type MockforgeConfig,
  type TargetContext,
  type TierConfig,
  type TierName,
} from '@mockforge-infra/core';
import { digitaloceanTarget } from '../target';

/** The built-in DigitalOcean configuration with optional tier and top-level changes. */
export function doConfig(tier: TierName, changes: Partial<TierConfig> = {}, configChanges: Partial<MockforgeConfig> = {}): MockforgeConfig {
  const base = defaultConfig(['digitalocean']);
  return { ...base, ...configChanges, tiers: { ...base.tiers, [tier]: { ...base.tiers[tier]!, ...changes } } };
}

export function doContext(tier: TierName, changes: Partial<TierConfig> = {}, configChanges: Partial<MockforgeConfig> = {}): TargetContext {
  return targetContext(doConfig(tier, changes, configChanges), tier, 'digitalocean');
}

export {
  onlyResourceOfType as only,
  resourcesOfType as resourcesOf,
  type JsonBody as Body,
  type SynthesizedStackJson as StackJson,
} from '@mockforge-infra/core';

/** Synthesizes a whole tier (cross-stack references, aspects, policy) and returns each stack's JSON by stack id. */
export function synthTier(tier: TierName, changes: Partial<TierConfig> = {}, configChanges: Partial<MockforgeConfig> = {}) {
  return synthTargetTier(digitaloceanTarget, doContext(tier, changes, configChanges));
}
