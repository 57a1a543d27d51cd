/** Backups and recovery objectives (hosting guide: Disaster Recovery). */
export interface BackupSchedule {
  /** Five-field cron, UTC. */
  readonly cron: string;
  readonly retentionDays: number;
}

/** The guide's daily database backup hour, UTC: the database's own backup window opens then. */
const DATABASE_BACKUP_HOUR_UTC = 2;

export const BACKUPS: Readonly<Record<'database' | 'state' | 'config', BackupSchedule>> = {
  database: { cron: `0 ${DATABASE_BACKUP_HOUR_UTC} * * *`, retentionDays: 30 },
  state: { cron: '0 */6 * * *', retentionDays: 7 },
  config: { cron: '0 0 * * *', retentionDays: 90 },
};

/**
 * The database's daily backup window (RDS `backup_window`, Cloud SQL's start time). A second backup
 * job of the same database (AWS Backup) is placed clear of it and of maintenance by the cloud package.
 */
export const DATABASE_BACKUP_WINDOW = { startHourUtc: DATABASE_BACKUP_HOUR_UTC, durationMinutes: 60 } as const;

/** Maintenance runs on Sunday after the backup window, never overlapping it. */
export const MAINTENANCE_WINDOW = { day: 'sun', startHourUtc: 4, durationMinutes: 60 } as const;

export const RECOVERY_OBJECTIVES = { rtoMinutes: 60, rpoMinutes: 15 } as const;

/** Staging keeps a shorter database history than the guide's 30 days. */
export const STAGING_DATABASE_RETENTION_DAYS = 7;
