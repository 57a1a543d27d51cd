import { BACKUP_START_WINDOW_MINUTES } from '../backup/backup-plans';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface DailyWindow {
  readonly startHourUtc: number;
  readonly durationMinutes: number;
}

export interface WeeklyWindow extends DailyWindow {
  readonly day: (typeof WEEKDAYS)[number];
}

/** AWS Backup starts no backup of a database during its maintenance window or in the hour before it. */
export const MAINTENANCE_LEAD_MINUTES = 60;

const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;

const pad = (n: number) => String(n).padStart(2, '0');

function clock(startHourUtc: number, minutes: number): string {
  const total = startHourUtc * 60 + minutes;
  return `${pad(Math.floor(total / 60) % 24)}:${pad(total % 60)}`;
}

/** `02:00-03:00` from the seed's backup window. */
export function dailyWindow(window: DailyWindow): string {
  return `${clock(window.startHourUtc, 0)}-${clock(window.startHourUtc, window.durationMinutes)}`;
}

/** `sun:04:00-sun:05:00` from the seed's maintenance window. */
export function weeklyWindow(window: WeeklyWindow): string {
  return `${window.day}:${clock(window.startHourUtc, 0)}-${window.day}:${clock(window.startHourUtc, window.durationMinutes)}`;
}

/** [start, end) in minutes of the week (Sunday 00:00 = 0); it may run past the week's end. */
type Span = readonly [number, number];

function overlaps([a0, a1]: Span, [b0, b1]: Span): boolean {
  // Shift by a week either way so spans that wrap past Saturday midnight compare correctly.
  return [-WEEK_MINUTES, 0, WEEK_MINUTES].some((shift) => a0 < b1 + shift && b0 + shift < a1);
}

export interface DatabaseWindows {
  /** RDS `backup_window`: the seed's daily backup window. */
  readonly backupWindow: string;
  /** RDS `maintenance_window`: the seed's weekly maintenance window. */
  readonly maintenanceWindow: string;
  /** Five-field UTC cron of the AWS Backup job that copies the instance into the vault. */
  readonly vaultBackupCron: string;
}

/**
 * The instance's RDS windows and its AWS Backup schedule, from the seed's two windows in one place.
 * The AWS Backup job starts at the first whole hour after the backup window closes whose whole start
 * window (`BACKUP_START_WINDOW_MINUTES`), on every day of the week, stays clear of the backup window,
 * of maintenance and of the hour before it (RDS refuses a snapshot while the instance is backing up).
 */
export function databaseWindows(backup: DailyWindow, maintenance: WeeklyWindow): DatabaseWindows {
  const maintenanceStart = WEEKDAYS.indexOf(maintenance.day) * DAY_MINUTES + maintenance.startHourUtc * 60;
  const busy: Span[] = [
    ...WEEKDAYS.map((_, day): Span => {
      const start = day * DAY_MINUTES + backup.startHourUtc * 60;
      return [start, start + backup.durationMinutes];
    }),
    [maintenanceStart - MAINTENANCE_LEAD_MINUTES, maintenanceStart + maintenance.durationMinutes],
  ];
  const firstHour = backup.startHourUtc + Math.ceil(backup.durationMinutes / 60);
  for (let offset = 0; offset < 24; offset++) {
    const hour = (firstHour + offset) % 24;
    const clear = WEEKDAYS.every((_, day) => {
      const start = day * DAY_MINUTES + hour * 60;
      return busy.every((span) => !overlaps([start, start + BACKUP_START_WINDOW_MINUTES], span));
    });
    if (clear) {
      return { backupWindow: dailyWindow(backup), maintenanceWindow: weeklyWindow(maintenance), vaultBackupCron: `0 ${hour} * * *` };
    }
  }
  throw new Error(
    `database windows: no hour leaves AWS Backup a ${BACKUP_START_WINDOW_MINUTES}-minute start window clear of ${dailyWindow(backup)} and ${weeklyWindow(maintenance)}`,
  );
}
