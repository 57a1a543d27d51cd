import { continentOf, type TopologySpec } from '@mockforge-infra/core';
import { MULTI_REGION_BY_CONTINENT } from '../sizing';

/** Backups leave the region: to the topology's next region, else to the continent's multi-region. */
export function secondLocation(topology: TopologySpec, region: string): string {
  const other = topology.regions.find((r) => r !== region);
  if (other) return other;
  return MULTI_REGION_BY_CONTINENT[continentOf('gcp', region) ?? 'NA'];
}
