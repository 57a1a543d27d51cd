import type { Continent } from '../seed';
import type { TopologyName } from '../config/model';
import { continentOf, type CloudName } from '../config/regions';

/** How a tier is spread: the pattern, the regions per cloud and the geo routing. */
export interface TopologySpec {
  readonly pattern: TopologyName;
  readonly regions: readonly string[];
  /** Writes and the global database's primary live here. */
  readonly primaryRegion: string;
  /** Continent → region that serves it; everything else goes to the primary. */
  readonly geoRouting: Readonly<Partial<Record<Continent, string>>>;
  /** Stateless and stateful pools side by side (hybrid pattern). */
  readonly hasStatefulPool: boolean;
  readonly isMultiRegion: boolean;
}

export function topologySpec(cloud: CloudName, pattern: TopologyName, regions: readonly string[]): TopologySpec {
  const geoRouting: Partial<Record<Continent, string>> = {};
  for (const region of regions) {
    const continent = continentOf(cloud, region);
    if (continent && !geoRouting[continent]) geoRouting[continent] = region;
  }
  return {
    pattern,
    regions,
    primaryRegion: regions[0]!,
    geoRouting,
    hasStatefulPool: pattern === 'hybrid',
    isMultiRegion: regions.length > 1,
  };
}
