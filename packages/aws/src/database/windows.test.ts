import { DATABASE_BACKUP_WINDOW, defaultConfig, MAINTENANCE_WINDOW, targetContext } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { awsCron } from '../backup/aws-cron';
import { AwsRegionalStack } from '../stacks/regional-stack';
import { dailyWindow, databaseWindows, weeklyWindow } from './windows';

type Json = Record<string, any>;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Minutes of the week each window occupies, read back from the strings RDS and AWS Backup receive. */
function rdsBackup(window: string): [number, number][] {
  const [from, to] = window.split('-') as [string, string];
  return DAYS.map((_, day) => [day * 1440 + minutes(from), day * 1440 + minutes(to)]);
}
function rdsMaintenance(window: string, leadMinutes: number): [number, number] {
  const [from, to] = window.split('-').map((part) => part.split(':')) as [string[], string[]];
  const start = DAYS.indexOf(from[0]!) * 1440 + minutes(`${from[1]}:${from[2]}`);
  return [start - leadMinutes, DAYS.indexOf(to[0]!) * 1440 + minutes(`${to[1]}:${to[2]}`)];
}
/** AWS Backup's daily `cron(M H * * ? *)` with its start window, on each day of the week. */
function backupStarts(schedule: string, startWindow: number): [number, number][] {
  const [minute, hour] = schedule
    .replace(/^cron\(/, '')
    .split(' ')
    .map(Number) as [number, number];
  return DAYS.map((_, day) => [day * 1440 + hour * 60 + minute, day * 1440 + hour * 60 + minute + startWindow]);
}
const apart = (a: [number, number][], b: [number, number][]) =>
  a.every(([a0, a1]) => b.every(([b0, b1]) => [-10080, 0, 10080].every((w) => !(a0 < b1 + w && b0 + w < a1))));

describe('windows', () => {
  it('renders the seed backup window starting 02:00 for an hour', () => {
    expect(dailyWindow(DATABASE_BACKUP_WINDOW)).toBe('02:00-03:00');
  });

  it('renders the maintenance window after the backup window', () => {
    expect(weeklyWindow(MAINTENANCE_WINDOW)).toBe('sun:04:00-sun:05:00');
  });

  it('starts the AWS Backup job at 05:00: 03:00 and 04:00 would start in or just before Sunday maintenance', () => {
    expect(databaseWindows(DATABASE_BACKUP_WINDOW, MAINTENANCE_WINDOW)).toEqual({
      backupWindow: '02:00-03:00',
      maintenanceWindow: 'sun:04:00-sun:05:00',
      vaultBackupCron: '0 5 * * *',
    });
  });

  it('follows the seed: the first hour after the backup window whose start window is clear every day', () => {
    const backup = { startHourUtc: 2, durationMinutes: 60 };
    expect(databaseWindows(backup, { day: 'sun', startHourUtc: 5, durationMinutes: 60 }).vaultBackupCron).toBe('0 3 * * *');
    expect(databaseWindows({ startHourUtc: 22, durationMinutes: 90 }, MAINTENANCE_WINDOW).vaultBackupCron).toBe('0 0 * * *');
    // Sunday 00:00 maintenance: its lead hour is Saturday 23:00, across the end of the week.
    const lateBackup = { startHourUtc: 22, durationMinutes: 60 };
    expect(databaseWindows(lateBackup, { day: 'sun', startHourUtc: 0, durationMinutes: 60 }).vaultBackupCron).toBe('0 1 * * *');
  });

  it('the synthesized AWS Backup rule never starts in the RDS backup window, maintenance or the hour before it', () => {
    const context = targetContext(defaultConfig(['aws']), 'production', 'aws');
    const json = JSON.parse(Testing.synth(new AwsRegionalStack(Testing.app(), { context, region: 'us-east-1' }), true)) as Json;
    const db = Object.values(json.resource.aws_db_instance as Json)[0] as Json;
    const plan = Object.values(json.resource.aws_backup_plan as Json).find((p) => p.name === 'mockforge-production-database') as Json;
    const rule = plan.rule[0] as Json;
    expect({ backup: db.backup_window, maintenance: db.maintenance_window }).toEqual({
      backup: '02:00-03:00',
      maintenance: 'sun:04:00-sun:05:00',
    });
    expect({ schedule: rule.schedule, start_window: rule.start_window }).toEqual({ schedule: awsCron('0 5 * * *'), start_window: 60 });
    const starts = backupStarts(rule.schedule as string, rule.start_window as number);
    expect(apart(starts, rdsBackup(db.backup_window as string))).toBe(true);
    expect(apart(starts, [rdsMaintenance(db.maintenance_window as string, 60)])).toBe(true);
    // The checker itself catches the old 02:00 schedule.
    expect(apart(backupStarts('cron(0 2 * * ? *)', 60), rdsBackup(db.backup_window as string))).toBe(false);
  });
});
