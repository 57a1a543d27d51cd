import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import type { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { ALERTS, METRICS_PATH, PORTS, type AlertRule, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { NAMESPACE, prometheusAlertRules, SCRAPE_INTERVAL, SERVER_SELECTOR, type PrometheusAlertRule } from '@mockforge-infra/kubernetes';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { alertSeverity } from './alert-conditions';
import { emailChannel } from './notification-channel';

export interface GkeManagedPrometheusProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  /** Namespace of the MockForge pods; a literal, since kubernetes_manifest needs known values at plan time. */
  readonly namespace: string;
  /** Pod labels that select the MockForge server pods. */
  readonly podSelector: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** The alerting rules (from @mockforge-infra/kubernetes, scoped to this cluster). */
  readonly rules: readonly PrometheusAlertRule[];
  /** Created first (the namespace). */
  readonly dependsOn: readonly ITerraformDependable[];
}

export const GMP_API = 'monitoring.googleapis.com/v1';
/** Where GKE's managed collectors run: the metrics port admits this namespace. */
export const GMP_NAMESPACE = 'gmp-system';
/** Cloud Monitoring evaluates PromQL conditions at multiples of 30 s; rules read five- and ten-minute windows. */
const EVALUATION_INTERVAL = '60s';

const seedRule = (alert: string): AlertRule => Object.values(ALERTS).find((a) => a.name === alert)!;

/**
 * The guide's four alerts on GKE without anything installed by hand: a PodMonitoring has Google
 * Cloud Managed Service for Prometheus (managed collection, on in the cluster) scrape MockForge's
 * metrics port, and one Cloud Monitoring alert policy per alert evaluates its PromQL over that data
 * and notifies the region's email channel directly (GMP's own Rules would need an Alertmanager
 * receiver configured in the cluster). Memory reads GKE's system metric, which needs no scrape.
 * `tags` label the alert policies and the channel; `overrides` apply to the PodMonitoring.
 */
export class GkeManagedPrometheus extends Construct {
  readonly podMonitoring: Manifest;
  readonly channel?: MonitoringNotificationChannel;
  readonly policies: MonitoringAlertPolicy[];

  constructor(scope: Construct, id: string, props: GkeManagedPrometheusProps) {
    super(scope, id);
    const { context, region } = props;
    this.podMonitoring = new Manifest(this, 'pod-monitoring', {
      dependsOn: [...props.dependsOn],
      manifest: {
        apiVersion: GMP_API,
        kind: 'PodMonitoring',
        metadata: { name: context.service.name, namespace: props.namespace, labels: { ...props.labels } },
        spec: {
          selector: { matchLabels: { ...props.podSelector } },
          endpoints: [{ port: PORTS.metrics, path: METRICS_PATH, interval: SCRAPE_INTERVAL }],
        },
      },
    });
    const email = context.monitoring.notificationEmail;
    this.channel = email ? emailChannel(this, 'email', `MockForge ${context.tier} ${region} Prometheus`, email) : undefined;
    this.policies = props.rules.map(
      (rule) =>
        new MonitoringAlertPolicy(this, rule.alert, {
          displayName: `${resourceName(context.tier, region)} ${rule.alert}`,
          combiner: 'OR',
          severity: alertSeverity(seedRule(rule.alert)),
          conditions: [
            {
              displayName: rule.annotations.summary,
              conditionPrometheusQueryLanguage: {
                query: rule.expr,
                duration: rule.for,
                evaluationInterval: EVALUATION_INTERVAL,
                alertRule: rule.alert,
                labels: { ...rule.labels },
                // The series appear once the workload runs; the policy exists before that.
                disableMetricValidation: true,
              },
            },
          ],
          notificationChannels: this.channel ? [this.channel.name] : [],
          documentation: { content: rule.annotations.summary, mimeType: 'text/markdown' },
        }),
    );
    applyCommonProps(this, this.podMonitoring, props);
  }
}

/** The PodMonitoring and alert policies of a region's GKE workload stack (what `addGkeWorkloadStack` builds). */
export function gkeManagedPrometheus(
  scope: Construct,
  context: TargetContext,
  region: string,
  namespace: ITerraformDependable,
): GkeManagedPrometheus {
  // The cluster's own name (compute/gke-cluster): GMP labels every series with it.
  const cluster = resourceName(context.tier, region);
  return new GkeManagedPrometheus(scope, 'managed-prometheus', {
    context,
    region,
    namespace: NAMESPACE,
    podSelector: SERVER_SELECTOR,
    labels: { ...SERVER_SELECTOR },
    rules: prometheusAlertRules({ namespace: NAMESPACE, cluster, memorySource: 'gke-system' }),
    dependsOn: [namespace],
  });
}
