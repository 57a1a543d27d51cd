import { createHash } from 'node:crypto';
import type { TargetContext, TierName } from '@mockforge-infra/core';

/** `mockforge-<tier>[-<part>...]`: subscription-unique names, so tiers deploy side by side. */
export function resourceName(tier: TierName, ...parts: string[]): string {
  return ['mockforge', tier, ...parts].join('-');
}

const DIRECTIONS: Readonly<Record<string, string>> = {
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
  central: 'c',
  southeast: 'se',
  northeast: 'ne',
};

/** A short form of a region for length-limited names: westeurope → we, centralindia → ci, eastus2 → eu2. */
export function shortRegion(region: string): string {
  let rest = region;
  let out = '';
  for (;;) {
    const direction = Object.keys(DIRECTIONS)
      .sort((a, b) => b.length - a.length)
      .find((d) => rest.startsWith(d));
    if (!direction) break;
    out += DIRECTIONS[direction];
    rest = rest.slice(direction.length);
  }
  const m = /^([a-z]*?)(\d*)$/.exec(rest)!;
  return `${out}${m[1]!.slice(0, 2)}${m[2]}`;
}

/**
 * Globally unique names (storage accounts, key vaults, registries): lowercase letters and digits,
 * at most 24, with the tier and a hash of the domain so deployments and tiers never collide.
 */
export function globalName(context: TargetContext, role: string, region?: string): string {
  const hash = createHash('sha256').update(context.config.domain).digest('hex').slice(0, 6);
  const name = ['mf', context.tier.slice(0, 4), role, region ? shortRegion(region) : '', hash].join('');
  if (name.length > 24) throw new Error(`${name} is longer than 24 characters`);
  return name;
}
