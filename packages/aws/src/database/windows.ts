import type { MAINTENANCE_WINDOW } from '@mockforge-infra/core';

export interface DailyWindow {
  readonly startHourUtc: number;
  readonly durationMinutes: number;
}

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
export function weeklyWindow(window: typeof MAINTENANCE_WINDOW): string {
  return `${window.day}:${clock(window.startHourUtc, 0)}-${window.day}:${clock(window.startHourUtc, window.durationMinutes)}`;
}
