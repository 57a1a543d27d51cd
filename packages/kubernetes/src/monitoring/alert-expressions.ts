import { ALERTS, type AlertName, type AlertRule } from '@mockforge-infra/core';
import { CONTAINER_NAME } from '../compute/pod-template';

/** MockForge's Prometheus series (mockforge-observability). */
export const SERIES = {
  requests: 'mockforge_requests_total',
  durationBuckets: 'mockforge_request_duration_seconds_bucket',
} as const;

const SERVER_ERROR = 'status=~"5.."';

export interface AlertScope {
  readonly namespace: string;
}

/** Rate window of an alert's query: the rule's own duration, e.g. `300s`. */
export function rateWindow(rule: AlertRule): string {
  return `${rule.durationSeconds}s`;
}

/** A quantile for histogram_quantile from a percentile (95 → 0.95). */
export function quantileOf(percentile: number): number {
  return percentile / 100;
}

/** Alerts measured by an instantaneous reading; every other query is a rate over the rule's duration. */
const INSTANT_READINGS: readonly AlertName[] = ['highMemoryUsage'];

/** The measured value of each alert, in the unit of its threshold (ratio or milliseconds). */
function measured(name: AlertName, scope: AlertScope): string {
  const rule: AlertRule = ALERTS[name];
  const ns = `namespace="${scope.namespace}"`;
  const window = rateWindow(rule);
  const rate = (filter: string) => `sum(rate(${SERIES.requests}{${filter}}[${window}]))`;
  switch (name) {
    case 'highErrorRate':
      return `${rate(`${ns},${SERVER_ERROR}`)} / ${rate(ns)}`;
    case 'highLatency':
      return `histogram_quantile(${quantileOf(ALERTS.highLatency.percentile)}, sum by (le) (rate(${SERIES.durationBuckets}{${ns}}[${window}]))) * 1000`;
    case 'lowAvailability':
      return `1 - (${rate(`${ns},${SERVER_ERROR}`)} / ${rate(ns)})`;
    case 'highMemoryUsage': {
      const c = `${ns},container="${CONTAINER_NAME}"`;
      return `max by (pod) (container_memory_working_set_bytes{${c}}) / max by (pod) (container_spec_memory_limit_bytes{${c}} > 0)`;
    }
  }
}

/** A PromQL expression that fires when the seed's threshold is crossed. */
export function alertExpression(name: AlertName, scope: AlertScope): string {
  const rule: AlertRule = ALERTS[name];
  const operator = rule.comparison === 'above' ? '>' : '<';
  return `(${measured(name, scope)}) ${operator} ${rule.threshold}`;
}

/**
 * `for:` of an alert. A rate query already spans the rule's duration, so it fires as soon as that
 * window crosses the threshold (a `for:` on top would need up to twice the duration of bad
 * traffic); an instantaneous reading (memory) must stay over the threshold for the duration.
 */
export function alertFor(name: AlertName): string {
  return INSTANT_READINGS.includes(name) ? rateWindow(ALERTS[name]) : '0s';
}
