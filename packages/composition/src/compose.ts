import {
  PolicyEngine,
  targetContext,
  type CloudName,
  type MockforgeConfig,
  type MockforgeStack,
  type TierName,
} from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { loadTarget } from './targets';

export interface ComposeOptions {
  readonly tiers: readonly TierName[];
  /** Restrict to these clouds. @default every cloud in the config */
  readonly clouds?: readonly CloudName[];
}

/** Adds every configured cloud's stacks for the requested tiers to `app`. */
export function composeTiers(app: Construct, config: MockforgeConfig, policy: PolicyEngine, options: ComposeOptions): MockforgeStack[] {
  const stacks: MockforgeStack[] = [];
  const clouds = config.clouds.filter((c) => !options.clouds || options.clouds.includes(c));
  for (const tier of options.tiers) {
    if (!config.tiers[tier]) continue;
    for (const cloud of clouds) {
      const target = loadTarget(cloud);
      policy.register(target.rules);
      stacks.push(...target.addStacks(app, targetContext(config, tier, cloud), policy));
    }
  }
  return stacks;
}
