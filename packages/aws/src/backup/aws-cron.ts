/** Converts a five-field UTC cron (`0 2 * * *`) to AWS's six-field form (`cron(0 2 * * ? *)`). */
export function awsCron(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected a five-field cron expression, got "${cron}"`);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  // AWS needs `?` in one of day-of-month and day-of-week.
  const dom = dayOfWeek !== '*' && dayOfMonth === '*' ? '?' : dayOfMonth;
  const dow = dayOfWeek === '*' ? '?' : dayOfWeek;
  return `cron(${minute} ${hour} ${dom} ${month} ${dow} *)`;
}
