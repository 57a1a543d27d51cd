import {
  AVAILABILITY_ZONES,
  ENV,
  BACKUPS,
  CLOUD_RUN,
  ECS,
  HA_MINIMUMS,
  KUBERNETES_HPA,
  SCALING_PRESETS,
  STAGING_DATABASE_RETENTION_DAYS,
  TIER_SIZING,
  type ScalingPreset,
  type ScalingPresetName,
  type SecretKey,
  type SizeName,
  type TierName,
  type TierSizing,
} from '../seed';
import type { TierConfig } from '../config/model';

/** What a tier is allowed to skip, and why. Every entry becomes a visible policy suppression. */
export interface TierExemption {
  /** `multi-az`: the service and its data; `zonal-data`: PostgreSQL and Redis only. */
  readonly what: 'multi-az' | 'zonal-data' | 'deletion-protection' | 'replicas';
  readonly reason: string;
}

export interface TierProfile {
  readonly tier: TierName;
  readonly size: SizeName;
  readonly sizing: TierSizing;
  readonly availabilityZones: number;
  /** At least the HA minimum of instances across zones, PDBs. */
  readonly highlyAvailable: boolean;
  /** Zone-redundant PostgreSQL and Redis (failover replicas in another zone). */
  readonly dataHighlyAvailable: boolean;
  readonly scalingPreset: ScalingPresetName;
  readonly scaling: ScalingPreset;
  /** The cloud's own deletion protection, where the service has one (staging and production). */
  readonly deletionProtection: boolean;
  /**
   * Terraform `prevent_destroy` on every resource of a type in the target's `statefulResourceTypes`
   * (staging and production). Both end with a `deletion-protection` opt-out.
   */
  readonly preventDestroy: boolean;
  /**
   * Spot / preemptible capacity runs the service (dev and staging: "use spot instances (non-production)").
   * Staging's two instances sit in two zones, so one reclaim leaves the other serving.
   */
  readonly spotAllowed: boolean;
  /**
   * A managed Redis (ElastiCache, Memorystore) and its REDIS_URL secret. Off in dev: MockForge keeps
   * its state in memory and reads REDIS_URL only for the hosted backend and distributed chaos/test runs.
   */
  readonly managedCache: boolean;
  /**
   * A managed PostgreSQL, its backups and its DATABASE_URL secret. Off in dev for the same reason:
   * only the hosted backend and distributed chaos/test runs read DATABASE_URL.
   */
  readonly managedDatabase: boolean;
  readonly databaseBackupRetentionDays: number;
  readonly exemptions: readonly TierExemption[];
}

export type ScalingPlatform = 'kubernetes' | 'ecs' | 'cloudRun';

/** Non-production ceilings keep dev and staging cheap; production uses each platform's ceiling from the guide. */
const NON_PRODUCTION_MAX: Readonly<Record<'dev' | 'staging', number>> = { dev: 2, staging: 4 };
const PLATFORM_RANGE: Readonly<Record<ScalingPlatform, { min: number; max: number }>> = {
  kubernetes: { min: KUBERNETES_HPA.minReplicas, max: KUBERNETES_HPA.maxReplicas },
  ecs: { min: ECS.minTasks, max: ECS.maxTasks },
  cloudRun: { min: CLOUD_RUN.minInstances, max: CLOUD_RUN.maxInstances },
};

/** Minimum and maximum instances per region on a platform. */
export function scalingRange(profile: TierProfile, platform: ScalingPlatform): { min: number; max: number } {
  const instances = profile.sizing.instances;
  // Cloud Run starts an instance on the first request, so dev pays nothing while idle.
  if (profile.tier === 'dev' && platform === 'cloudRun') return { min: 0, max: NON_PRODUCTION_MAX.dev };
  if (profile.tier !== 'production') return { min: instances, max: NON_PRODUCTION_MAX[profile.tier] };
  const range = PLATFORM_RANGE[platform];
  return { min: Math.max(range.min, instances, HA_MINIMUMS.production.instancesPerRegion), max: range.max };
}

/** The secrets a tier's containers read: REDIS_URL and DATABASE_URL only where a managed store writes them. */
export function tierSecretKeys(
  profile: Pick<TierProfile, 'managedCache' | 'managedDatabase'>,
  keys: readonly SecretKey[],
): readonly SecretKey[] {
  return keys.filter((key) => (key !== ENV.redisUrl || profile.managedCache) && (key !== ENV.databaseUrl || profile.managedDatabase));
}

export function tierProfile(tier: TierName, config: TierConfig): TierProfile {
  const size: SizeName = tier === 'production' ? (config.size ?? 'small') : tier;
  const preset = config.scalingPreset ?? (tier === 'dev' ? 'conservative' : 'balanced');
  const exemptions: TierExemption[] = [];
  if (tier === 'dev') {
    const reason = 'dev tier: one instance and single-AZ data, per the hosting guide cost table (~$10-20/month)';
    exemptions.push({ what: 'multi-az', reason }, { what: 'zonal-data', reason }, { what: 'replicas', reason });
    exemptions.push({ what: 'deletion-protection', reason: 'dev tier: disposable by design; backups are still kept' });
  } else {
    const multiAz = config.optOuts?.multiAz?.reason;
    if (multiAz) exemptions.push({ what: 'multi-az', reason: multiAz }, { what: 'zonal-data', reason: multiAz });
    else if (tier === 'staging' && !config.zoneRedundantData)
      exemptions.push({
        what: 'zonal-data',
        reason:
          "staging tier: single-zone PostgreSQL and Redis, near the guide's staging cost (~$40-60/month); the service still runs 2 instances in 2 zones; tiers.staging.zoneRedundantData: true restores failover replicas",
      });
    if (config.optOuts?.deletionProtection)
      exemptions.push({ what: 'deletion-protection', reason: config.optOuts.deletionProtection.reason });
  }
  const exempt = (what: TierExemption['what']) => exemptions.some((e) => e.what === what);
  // Dev is always exempt, so staging and production protect their state unless they opt out.
  const protectState = !exempt('deletion-protection');
  return {
    tier,
    size,
    sizing: TIER_SIZING[size],
    availabilityZones: AVAILABILITY_ZONES[tier],
    highlyAvailable: !exempt('multi-az'),
    dataHighlyAvailable: !exempt('zonal-data'),
    scalingPreset: preset,
    scaling: SCALING_PRESETS[preset],
    deletionProtection: protectState,
    preventDestroy: protectState,
    spotAllowed: tier !== 'production',
    managedCache: tier !== 'dev',
    managedDatabase: tier !== 'dev',
    databaseBackupRetentionDays: tier === 'production' ? BACKUPS.database.retentionDays : STAGING_DATABASE_RETENTION_DAYS,
    exemptions,
  };
}
