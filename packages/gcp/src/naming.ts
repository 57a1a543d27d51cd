import type { TierName } from '@mockforge-infra/core';
import { GKE } from './sizing';

const DIRECTIONS: Readonly<Record<string, string>> = {
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

/** A short, unique form of a region for length-limited names: us-central1 → usc1, asia-southeast1 → asiase1. */
export function shortRegion(region: string): string {
  const [area = '', ...rest] = region.split('-');
  const head = area.length <= 4 ? area : area.slice(0, 2);
  const tail = rest.map((part) => {
    const m = /^([a-z]+)(\d*)$/.exec(part);
    return m ? `${DIRECTIONS[m[1]!] ?? m[1]!.slice(0, 2)}${m[2]}` : part;
  });
  return [head, ...tail].join('');
}

/** `mockforge-<tier>[-<part>...]`: project-unique names, so tiers can share a project. */
export function resourceName(tier: TierName, ...parts: string[]): string {
  return ['mockforge', tier, ...parts].join('-');
}

/** For names capped at 30 (service accounts) or 40 (Memorystore) characters. */
export function shortName(tier: TierName, region: string, role: string): string {
  return ['mf', tier, role, shortRegion(region)].join('-');
}

/**
 * The standalone NEGs of a region's GKE workload (one per zone, all with this name): the workload's
 * Service asks GKE for them by name, and the global stack reads them by name and zone.
 */
export function podEndpointGroupName(tier: TierName, region: string): string {
  return resourceName(tier, region, 'pods');
}

/** The zones a region's GKE nodes, and so its standalone NEGs, are in (`GKE.zoneSuffixes`). */
export function gkeZones(region: string): string[] {
  const suffixes = GKE.zoneSuffixes[region] ?? GKE.zoneSuffixes.default!;
  return suffixes.slice(0, GKE.defaultZones).map((suffix) => `${region}-${suffix}`);
}
