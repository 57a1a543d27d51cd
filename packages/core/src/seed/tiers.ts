/** Tier sizing and HA minimums (hosting guide: Cost Optimization, High Availability). */
export const TIER_NAMES = ['dev', 'staging', 'production'] as const;
export type TierName = (typeof TIER_NAMES)[number];

export const PRODUCTION_SIZES = ['small', 'medium', 'large'] as const;
export type ProductionSize = (typeof PRODUCTION_SIZES)[number];

export type SizeName = 'dev' | 'staging' | ProductionSize;

export interface TierSizing {
  /** Instances per region. */
  readonly instances: number;
  readonly memoryMiB: number;
  /** vCPU per instance. */
  readonly cpu: number;
  /** The guide's monthly cost estimate, in USD. */
  readonly monthlyCostUsd: { readonly min: number; readonly max?: number };
}

export const TIER_SIZING: Readonly<Record<SizeName, TierSizing>> = {
  dev: { instances: 1, memoryMiB: 512, cpu: 0.5, monthlyCostUsd: { min: 10, max: 20 } },
  staging: { instances: 2, memoryMiB: 1024, cpu: 1, monthlyCostUsd: { min: 40, max: 60 } },
  small: { instances: 3, memoryMiB: 2048, cpu: 2, monthlyCostUsd: { min: 120, max: 180 } },
  medium: { instances: 5, memoryMiB: 4096, cpu: 4, monthlyCostUsd: { min: 400, max: 600 } },
  large: { instances: 10, memoryMiB: 8192, cpu: 8, monthlyCostUsd: { min: 1000 } },
};

export interface HaMinimum {
  readonly instancesPerRegion: number;
  readonly availabilityZones: number;
}

/** "Minimum configuration" applies to staging; production has its own, stricter minimum. */
export const HA_MINIMUMS: Readonly<Record<'minimum' | 'production', HaMinimum>> = {
  minimum: { instancesPerRegion: 2, availabilityZones: 2 },
  production: { instancesPerRegion: 3, availabilityZones: 3 },
};

/** Availability zones per region for each tier; dev runs in 2 to stay cheap but keep subnets spread. */
export const AVAILABILITY_ZONES: Readonly<Record<TierName, number>> = {
  dev: 2,
  staging: HA_MINIMUMS.minimum.availabilityZones,
  production: HA_MINIMUMS.production.availabilityZones,
};
