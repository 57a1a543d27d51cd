import type { TierName } from '@mockforge-infra/core';

/** `mockforge-<tier>[-<part>...]`: account-unique names, so tiers deploy side by side. */
export function resourceName(tier: TierName, ...parts: string[]): string {
  return ['mockforge', tier, ...parts].join('-');
}

/** The tag every DOKS node of the tier carries; the database firewall admits it. */
export function tierNodeTag(tier: TierName): string {
  return resourceName(tier, 'nodes');
}

/** The tag of one region's DOKS nodes; the region's node firewall applies to it. */
export function regionNodeTag(tier: TierName, region: string): string {
  return resourceName(tier, region, 'nodes');
}
