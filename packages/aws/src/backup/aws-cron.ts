const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

/** AWS documents "every N" as `<start>/N` (every 6 hours: `0/6`); minutes and hours start at 0, days and months at 1. */
function increments(field: string, start: number): string {
  return field.replace(/(^|,)\*\//g, `$1${start}/`);
}

/** Five-field cron counts weekdays 0-6 (7 = Sunday again) from Sunday, AWS 1-7: names avoid the shift. */
function weekdays(field: string): string {
  return field.replace(
    /(^|[,-])([0-7])(?=$|[,-])/g,
    (_, separator: string, day: string) => `${separator}${WEEKDAYS[Number(day) % WEEKDAYS.length]}`,
  );
}

/** Converts a five-field UTC cron (`0 2 * * *`) to AWS's six-field form (`cron(0 2 * * ? *)`). */
export function awsCron(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected a five-field cron expression, got "${cron}"`);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  // AWS needs `?` in one of day-of-month and day-of-week.
  const dom = dayOfWeek !== '*' && dayOfMonth === '*' ? '?' : increments(dayOfMonth, 1);
  const dow = dayOfWeek === '*' ? '?' : weekdays(dayOfWeek);
  return `cron(${increments(minute, 0)} ${increments(hour, 0)} ${dom} ${increments(month, 1)} ${dow} *)`;
}
