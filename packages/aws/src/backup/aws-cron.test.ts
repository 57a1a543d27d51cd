import { BACKUPS } from '@mockforge-infra/core';
import { awsCron } from './aws-cron';

describe('awsCron', () => {
  it('converts the seed schedules to AWS six-field cron', () => {
    expect(awsCron(BACKUPS.database.cron)).toBe('cron(0 2 * * ? *)');
    expect(awsCron(BACKUPS.state.cron)).toBe('cron(0 */6 * * ? *)');
    expect(awsCron(BACKUPS.config.cron)).toBe('cron(0 0 * * ? *)');
  });

  it('puts ? in day-of-month when day-of-week is given', () => {
    expect(awsCron('30 4 * * 0')).toBe('cron(30 4 ? * 0 *)');
  });

  it('rejects expressions that are not five fields', () => {
    expect(() => awsCron('0 2 * *')).toThrow(/five-field/);
  });
});
