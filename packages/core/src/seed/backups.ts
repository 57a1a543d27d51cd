/** Backups and recovery objectives (hosting guide: Disaster Recovery). */
export interface BackupSchedule {
  /** Five-field cron, UTC. */
  readonly cron: string;
  readonly retentionDays: number;
}

export const BACKUPS: Readonly<Record<'database' | 'state' | 'config', BackupSchedule>> = {
  database: { cron: '0 2 * * *', retentionDays: 30 },
  state: { cron: '0 */6 * * *', retentionDays: 7 },
  config: { cron: '0 0 * * *', retentionDays: 90 },
};

/** Daily database backups start at 02:00 UTC; the window is an hour long. */
export const DATABASE_BACKUP_WINDOW = { startHourUtc: 2, durationMinutes: 60 } as const;

/** Maintenance runs on Sunday after the backup window, never overlapping it. */
export const MAINTENANCE_WINDOW = { day: 'sun', startHourUtc: 4, durationMinutes: 60 } as const;

export const RECOVERY_OBJECTIVES = { rtoMinutes: 60, rpoMinutes: 15 } as const;

/** Staging keeps a shorter database history than the guide's 30 days. */
export const STAGING_DATABASE_RETENTION_DAYS = 7;
