import { DATABASE_BACKUP_WINDOW, MAINTENANCE_WINDOW } from '@mockforge-infra/core';
import { dailyWindow, weeklyWindow } from './windows';

describe('windows', () => {
  it('renders the seed backup window starting 02:00 for an hour', () => {
    expect(dailyWindow(DATABASE_BACKUP_WINDOW)).toBe('02:00-03:00');
  });

  it('renders the maintenance window after the backup window', () => {
    expect(weeklyWindow(MAINTENANCE_WINDOW)).toBe('sun:04:00-sun:05:00');
  });
});
