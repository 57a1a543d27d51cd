import type { AlertRule } from '@mockforge-infra/core';
import type { MonitoringAlertPolicyConditions } from '@cdktf/provider-google/lib/monitoring-alert-policy';

const seconds = (s: number) => `${s}s`;
const comparison = (rule: AlertRule) => (rule.comparison === 'above' ? 'COMPARISON_GT' : 'COMPARISON_LT');

/** Cloud Monitoring's severity for a core alert. */
export function alertSeverity(rule: AlertRule): string {
  return rule.severity === 'critical' ? 'CRITICAL' : 'WARNING';
}

/** Percentiles Cloud Monitoring can align to (ALIGN_PERCENTILE_<n>). */
const ALIGNABLE_PERCENTILES: readonly number[] = [99, 95, 50, 5];

/** The per-series aligner of a percentile, e.g. 95 → ALIGN_PERCENTILE_95. */
export function percentileAligner(percentile: number): string {
  if (!ALIGNABLE_PERCENTILES.includes(percentile)) throw new Error(`Cloud Monitoring has no aligner for percentile ${percentile}`);
  return `ALIGN_PERCENTILE_${String(percentile).padStart(2, '0')}`;
}

/**
 * 5xx responses over all responses of one Cloud Run service (PromQL over Cloud Run's request_count).
 * The rate window is the rule's duration, so the condition fires as soon as that window crosses the
 * threshold; a pending duration on top would need up to twice the rule's duration of bad traffic.
 */
export function errorRatioCondition(rule: AlertRule, serviceName: string): MonitoringAlertPolicyConditions {
  const window = seconds(rule.durationSeconds);
  const selector = (extra: string) =>
    `run_googleapis_com:request_count{monitored_resource="cloud_run_revision",service_name="${serviceName}"${extra}}`;
  return {
    displayName: rule.description,
    conditionPrometheusQueryLanguage: {
      query: `sum(rate(${selector(',response_code_class="5xx"')}[${window}])) / sum(rate(${selector('')}[${window}])) > ${rule.threshold}`,
      duration: seconds(0),
      evaluationInterval: '60s',
    },
  };
}

/** A threshold on a Cloud Run distribution metric's percentile (latency in ms, memory as a fraction). */
export function percentileCondition(
  rule: AlertRule,
  metricType: string,
  serviceName: string,
  aligner: string,
): MonitoringAlertPolicyConditions {
  return {
    displayName: rule.description,
    conditionThreshold: {
      filter: `resource.type = "cloud_run_revision" AND resource.labels.service_name = "${serviceName}" AND metric.type = "${metricType}"`,
      comparison: comparison(rule),
      thresholdValue: rule.threshold,
      duration: seconds(rule.durationSeconds),
      aggregations: [
        {
          alignmentPeriod: '60s',
          perSeriesAligner: aligner,
          crossSeriesReducer: 'REDUCE_MAX',
          groupByFields: ['resource.labels.location'],
        },
      ],
      trigger: { count: 1 },
    },
  };
}

/** The share of passed uptime checks over the alert's window, below the availability target. */
export function availabilityCondition(rule: AlertRule, checkId: string): MonitoringAlertPolicyConditions {
  return {
    displayName: rule.description,
    conditionThreshold: {
      filter: `resource.type = "uptime_url" AND metric.type = "monitoring.googleapis.com/uptime_check/check_passed" AND metric.labels.check_id = "${checkId}"`,
      comparison: comparison(rule),
      thresholdValue: rule.threshold,
      duration: '0s',
      aggregations: [
        { alignmentPeriod: seconds(rule.durationSeconds), perSeriesAligner: 'ALIGN_FRACTION_TRUE', crossSeriesReducer: 'REDUCE_MEAN' },
      ],
      trigger: { count: 1 },
    },
  };
}
