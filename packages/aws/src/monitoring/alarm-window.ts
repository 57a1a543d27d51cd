import type { AlertRule } from '@mockforge-infra/core';
import { AWS_PLATFORM } from '../sizing';

/** Period and evaluation periods that cover an alert's duration with one-minute datapoints. */
export function alarmWindow(rule: AlertRule): { period: number; evaluationPeriods: number; datapointsToAlarm: number } {
  const period = AWS_PLATFORM.alarmPeriodSeconds;
  const evaluationPeriods = Math.max(1, Math.ceil(rule.durationSeconds / period));
  return { period, evaluationPeriods, datapointsToAlarm: evaluationPeriods };
}

/** The CloudWatch extended statistic of a latency alert, e.g. `p95`. */
export function percentileStatistic(rule: AlertRule): string {
  if (rule.percentile === undefined) throw new Error(`alert ${rule.name} measures no percentile`);
  return `p${rule.percentile}`;
}

/** CloudWatch comparison for an alert's direction. */
export function comparisonOf(rule: AlertRule): string {
  return rule.comparison === 'above' ? 'GreaterThanThreshold' : 'LessThanThreshold';
}
