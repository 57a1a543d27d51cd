import { DATABASE_BACKUP_WINDOW, DATABASE_PORT, MAINTENANCE_WINDOW, RECOVERY_OBJECTIVES, REDIS_PORT, BACKUPS } from '../seed';
import type { TierProfile } from './tier-profile';
import type { TopologySpec } from './topology';

/** Shared PostgreSQL state. */
export interface DatabaseSpec {
  readonly port: number;
  readonly databaseName: string;
  readonly highlyAvailable: boolean;
  readonly backupRetentionDays: number;
  readonly backupWindow: typeof DATABASE_BACKUP_WINDOW;
  readonly maintenanceWindow: typeof MAINTENANCE_WINDOW;
  readonly pointInTimeRecovery: boolean;
  /** Replicate to the other regions of a multi-region topology. */
  readonly crossRegionReplicas: boolean;
  readonly deletionProtection: boolean;
  readonly rpoMinutes: number;
}

/** Shared Redis state. */
export interface CacheSpec {
  readonly port: number;
  readonly highlyAvailable: boolean;
  /** Shards spread keys in production; smaller tiers use one. */
  readonly clusterMode: boolean;
  readonly replicasPerShard: number;
  readonly snapshotRetentionDays: number;
  readonly maintenanceWindow: typeof MAINTENANCE_WINDOW;
  readonly crossRegionReplication: boolean;
}

export function databaseSpec(profile: TierProfile, topology: TopologySpec): DatabaseSpec {
  return {
    port: DATABASE_PORT,
    databaseName: 'mockforge',
    highlyAvailable: profile.dataHighlyAvailable,
    backupRetentionDays: profile.databaseBackupRetentionDays,
    backupWindow: DATABASE_BACKUP_WINDOW,
    maintenanceWindow: MAINTENANCE_WINDOW,
    pointInTimeRecovery: true,
    crossRegionReplicas: topology.isMultiRegion,
    deletionProtection: profile.deletionProtection,
    rpoMinutes: RECOVERY_OBJECTIVES.rpoMinutes,
  };
}

export function cacheSpec(profile: TierProfile, topology: TopologySpec): CacheSpec {
  return {
    port: REDIS_PORT,
    highlyAvailable: profile.dataHighlyAvailable,
    clusterMode: profile.tier === 'production',
    replicasPerShard: profile.dataHighlyAvailable ? profile.availabilityZones - 1 : 0,
    snapshotRetentionDays: BACKUPS.state.retentionDays,
    maintenanceWindow: MAINTENANCE_WINDOW,
    crossRegionReplication: topology.isMultiRegion,
  };
}
