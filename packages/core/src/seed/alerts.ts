/** Alert rules (hosting guide: Alerting). Thresholds are fractions or milliseconds, durations seconds. */
export type AlertSeverity = 'critical' | 'warning';

export interface AlertRule {
  readonly name: string;
  readonly description: string;
  readonly comparison: 'above' | 'below';
  readonly threshold: number;
  readonly unit: 'ratio' | 'milliseconds';
  readonly durationSeconds: number;
  readonly severity: AlertSeverity;
  /** For latency alerts: the percentile measured. */
  readonly percentile?: number;
}

export const ALERTS = {
  highErrorRate: {
    name: 'high_error_rate',
    description: 'More than 5 % of requests fail with a server error',
    comparison: 'above',
    threshold: 0.05,
    unit: 'ratio',
    durationSeconds: 300,
    severity: 'critical',
  },
  highLatency: {
    name: 'high_latency',
    description: 'p95 response time above 1000 ms',
    comparison: 'above',
    threshold: 1000,
    unit: 'milliseconds',
    durationSeconds: 300,
    severity: 'warning',
    percentile: 95,
  },
  lowAvailability: {
    name: 'low_availability',
    description: 'Availability below 99 %',
    comparison: 'below',
    threshold: 0.99,
    unit: 'ratio',
    durationSeconds: 600,
    severity: 'critical',
  },
  highMemoryUsage: {
    name: 'high_memory_usage',
    description: 'Memory use above 90 % of the limit',
    comparison: 'above',
    threshold: 0.9,
    unit: 'ratio',
    durationSeconds: 300,
    severity: 'warning',
  },
} as const satisfies Record<string, AlertRule>;

export type AlertName = keyof typeof ALERTS;

/** A ratio threshold as a percentage, for clouds whose metrics are in percent. */
export function asPercent(rule: AlertRule): number {
  if (rule.unit !== 'ratio') throw new Error(`alert ${rule.name} is not a ratio`);
  return Math.round(rule.threshold * 10000) / 100;
}
