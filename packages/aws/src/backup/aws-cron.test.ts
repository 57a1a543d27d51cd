import { BACKUPS } from '@mockforge-infra/core';
import { awsCron } from './aws-cron';

describe('awsCron', () => {
  it('converts the seed schedules to AWS six-field cron', () => {
    expect(awsCron(BACKUPS.database.cron)).toBe('cron(0 2 * * ? *)');
    expect(awsCron(BACKUPS.config.cron)).toBe('cron(0 0 * * ? *)');
  });

  it('writes the every-6-hours state schedule in the documented AWS increment form', () => {
    expect(BACKUPS.state.cron).toBe('0 */6 * * *');
    expect(awsCron(BACKUPS.state.cron)).toBe('cron(0 0/6 * * ? *)');
  });

  it('starts increments at 0 for minutes and hours and at 1 for days and months', () => {
    expect(awsCron('*/15 */2 */3 */4 *')).toBe('cron(0/15 0/2 1/3 1/4 ? *)');
    expect(awsCron('0 1,*/12 * * *')).toBe('cron(0 1,0/12 * * ? *)');
  });

  it('puts ? in day-of-month and names weekdays, which AWS counts from 1', () => {
    expect(awsCron('30 4 * * 0')).toBe('cron(30 4 ? * SUN *)');
    expect(awsCron('30 4 * * 7')).toBe('cron(30 4 ? * SUN *)');
    expect(awsCron('0 3 * * 1-5')).toBe('cron(0 3 ? * MON-FRI *)');
    expect(awsCron('0 3 * * 0,6')).toBe('cron(0 3 ? * SUN,SAT *)');
  });

  it('rejects expressions that are not five fields', () => {
    expect(() => awsCron('0 2 * *')).toThrow(/five-field/);
  });
});
