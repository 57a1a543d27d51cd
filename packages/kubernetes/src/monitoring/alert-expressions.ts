import { ALERTS, type AlertName, type AlertRule, type AlertSeverity } from '@mockforge-infra/core';
import { CONTAINER_NAME } from '../compute/pod-template';

/** MockForge's Prometheus series (mockforge-observability) and the container memory series the alerts read. */
export const SERIES = {
  requests: 'mockforge_requests_total',
  durationBuckets: 'mockforge_request_duration_seconds_bucket',
  /** cAdvisor (kubelet). */
  memoryWorkingSet: 'container_memory_working_set_bytes',
  memoryLimit: 'container_spec_memory_limit_bytes',
  /** GKE system metric kubernetes.io/container/memory/limit_utilization, as Cloud Monitoring's PromQL names it. */
  gkeMemoryLimitUtilization: 'kubernetes_io:container_memory_limit_utilization',
} as const;

/** How often every managed collector (AMP's scraper, GMP's PodMonitoring, AKS's PodMonitor) scrapes the metrics port: AMP's shortest. */
export const SCRAPE_INTERVAL = '30s';

const SERVER_ERROR = 'status=~"5.."';

export interface AlertScope {
  readonly namespace: string;
  /**
   * Only this cluster's series, for a store that holds several clusters (Google Cloud Managed
   * Service for Prometheus labels every series with `cluster`). @default every series
   */
  readonly cluster?: string;
  /**
   * Where container memory comes from: cAdvisor through the kubelet, or GKE's system metric (the
   * non-evictable share of the limit, which GKE collects without a cAdvisor scrape). @default 'cadvisor'
   */
  readonly memorySource?: 'cadvisor' | 'gke-system';
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
  const ns = `namespace="${scope.namespace}"${scope.cluster ? `,cluster="${scope.cluster}"` : ''}`;
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
      if (scope.memorySource === 'gke-system') {
        if (!scope.cluster) throw new Error('the GKE memory metric needs the cluster name');
        const k8s = `monitored_resource="k8s_container",cluster_name="${scope.cluster}",namespace_name="${scope.namespace}"`;
        return `max by (pod_name) (${SERIES.gkeMemoryLimitUtilization}{${k8s},container_name="${CONTAINER_NAME}",memory_type="non-evictable"})`;
      }
      const c = `${ns},container="${CONTAINER_NAME}"`;
      return `max by (pod) (${SERIES.memoryWorkingSet}{${c}}) / max by (pod) (${SERIES.memoryLimit}{${c}} > 0)`;
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

/** One alerting rule in Prometheus's rule-file form (PrometheusRule, AMP rule groups, Cloud Monitoring PromQL conditions). */
export interface PrometheusAlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { readonly severity: AlertSeverity };
  readonly annotations: { readonly summary: string };
}

/** The guide's four alerts as Prometheus rules, in the seed's order. */
export function prometheusAlertRules(scope: AlertScope): PrometheusAlertRule[] {
  return (Object.keys(ALERTS) as AlertName[]).map((name) => {
    const rule: AlertRule = ALERTS[name];
    return {
      alert: rule.name,
      expr: alertExpression(name, scope),
      for: alertFor(name),
      labels: { severity: rule.severity },
      annotations: { summary: rule.description },
    };
  });
}
