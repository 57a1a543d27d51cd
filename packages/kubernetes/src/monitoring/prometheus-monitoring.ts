import { METRICS_PATH } from '@mockforge-infra/core';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { SERVER_SELECTOR } from '../labels';
import { prometheusAlertRules } from './alert-expressions';

export interface PrometheusMonitoringProps {
  /** A literal namespace name: kubernetes_manifest needs known values at plan time. */
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Created first (the namespace). */
  readonly dependsOn: readonly ITerraformDependable[];
}

const MONITORING_API = 'monitoring.coreos.com/v1';

/** Prometheus Operator objects: a ServiceMonitor for the metrics port and the guide's four alerts. */
export class PrometheusMonitoring extends Construct {
  readonly serviceMonitor: Manifest;
  readonly prometheusRule: Manifest;

  constructor(scope: Construct, id: string, props: PrometheusMonitoringProps) {
    super(scope, id);
    const metadata = { name: props.name, namespace: props.namespace, labels: { ...props.labels } };
    const dependsOn = [...props.dependsOn];
    this.serviceMonitor = new Manifest(this, 'service-monitor', {
      dependsOn,
      manifest: {
        apiVersion: MONITORING_API,
        kind: 'ServiceMonitor',
        metadata,
        spec: {
          selector: { matchLabels: { ...SERVER_SELECTOR } },
          endpoints: [{ port: 'metrics', path: METRICS_PATH }],
        },
      },
    });
    const rules = prometheusAlertRules({ namespace: props.namespace });
    this.prometheusRule = new Manifest(this, 'prometheus-rule', {
      dependsOn,
      manifest: {
        apiVersion: MONITORING_API,
        kind: 'PrometheusRule',
        metadata,
        spec: { groups: [{ name: props.name, rules }] },
      },
    });
  }
}
