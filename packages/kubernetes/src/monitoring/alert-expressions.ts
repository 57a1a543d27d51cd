import { ALERTS, type AlertName, type AlertRule } from '@mockforge-infra/core';
import { CONTAINER_NAME } from '../compute/pod-template';

/** MockForge's Prometheus series (mockforge-observability). */
export const SERIES = {
  requests: 'mockforge_requests_total',
  durationBuckets: 'mockforge_request_duration_seconds_bucket',
} as const;

/** Rate window of every alert query. */
export const RATE_WINDOW = '5m';

const SERVER_ERROR = 'status=~"5.."';

export interface AlertScope {
  readonly namespace: string;
}

/** The measured value of each alert, in the unit of its threshold (ratio or milliseconds). */
function measured(name: AlertName, scope: AlertScope): string {
  const ns = `namespace="${scope.namespace}"`;
  const rate = (filter: string) => `sum(rate(${SERIES.requests}{${filter}}[${RATE_WINDOW}]))`;
  switch (name) {
    case 'highErrorRate':
      return `${rate(`${ns},${SERVER_ERROR}`)} / ${rate(ns)}`;
    case 'highLatency':
      return `histogram_quantile(0.95, sum by (le) (rate(${SERIES.durationBuckets}{${ns}}[${RATE_WINDOW}]))) * 1000`;
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

/** `for:` duration of an alert, from the seed. */
export function alertFor(rule: AlertRule): string {
  return `${rule.durationSeconds}s`;
}
