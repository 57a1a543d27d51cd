import { ALERTS, BACKUPS, CDN_PATHS, CDN_TTLS, LOG_RETENTION_DAYS, OBSERVABILITY, RECOVERY_OBJECTIVES, type AlertRule } from '../seed';
import type { TierProfile } from './tier-profile';
import type { TopologySpec } from './topology';

/** Alerts, where they go, logs and traces. */
export interface MonitoringSpec {
  readonly alerts: readonly AlertRule[];
  readonly notificationEmail?: string;
  readonly logRetentionDays: number;
  readonly tracingSampleRate: number;
}

/** Backups and their copies. */
export interface BackupSpec {
  readonly schedules: typeof BACKUPS;
  readonly rtoMinutes: number;
  readonly rpoMinutes: number;
  /** Copy backups to a second region (production). */
  readonly copyToSecondRegion: boolean;
  /** Immutable backups (vault lock / retention lock) in production. */
  readonly locked: boolean;
}

/** Edge caching: assets 24 h, configs 1 h, API never. */
export interface CdnSpec {
  readonly ttls: typeof CDN_TTLS;
  readonly paths: typeof CDN_PATHS;
}

export function monitoringSpec(email: string | undefined): MonitoringSpec {
  return {
    alerts: Object.values(ALERTS),
    notificationEmail: email,
    logRetentionDays: LOG_RETENTION_DAYS,
    tracingSampleRate: OBSERVABILITY.tracing.sampleRate,
  };
}

export function backupSpec(profile: TierProfile, topology: TopologySpec): BackupSpec {
  return {
    schedules: BACKUPS,
    rtoMinutes: RECOVERY_OBJECTIVES.rtoMinutes,
    rpoMinutes: RECOVERY_OBJECTIVES.rpoMinutes,
    copyToSecondRegion: profile.tier === 'production' && topology.isMultiRegion,
    locked: profile.tier === 'production',
  };
}

export const CDN_SPEC: CdnSpec = { ttls: CDN_TTLS, paths: CDN_PATHS };
