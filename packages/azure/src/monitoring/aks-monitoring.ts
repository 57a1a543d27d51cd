import { MonitorAlertPrometheusRuleGroup } from '@cdktf/provider-azurerm/lib/monitor-alert-prometheus-rule-group';
import { MonitorDataCollectionEndpoint } from '@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { MonitorDataCollectionRuleAssociation } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association';
import { MonitorWorkspace } from '@cdktf/provider-azurerm/lib/monitor-workspace';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { METRICS_PATH, type ServicePort } from '@mockforge-infra/core';
import { type PrometheusAlertRule, SCRAPE_INTERVAL, SERIES } from '@mockforge-infra/kubernetes';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ALERT_SEVERITY } from '../sizing';
import { isoDuration } from './monitoring';

/** What Container Insights sends to Log Analytics (ContainerLogV2 replaces ContainerLog). */
export const CONTAINER_INSIGHTS_STREAMS = [
  'Microsoft-ContainerLogV2',
  'Microsoft-KubeEvents',
  'Microsoft-KubePodInventory',
  'Microsoft-KubeNodeInventory',
  'Microsoft-KubePVInventory',
  'Microsoft-KubeServices',
  'Microsoft-KubeMonAgentEvents',
  'Microsoft-InsightsMetrics',
  'Microsoft-ContainerInventory',
  'Microsoft-ContainerNodeInventory',
  'Microsoft-Perf',
] as const;

export const PROMETHEUS_STREAM = 'Microsoft-PrometheusMetrics';

/** Rule groups run every minute (Azure allows 1 to 15): the shortest, as Prometheus evaluates by default. */
export const PROMETHEUS_RULE_INTERVAL = 'PT1M';
/** Azure's shortest pending period (`for`): the API rejects under a minute (Azure/prometheus-collector#672) and a rule without one (hashicorp/terraform-provider-azurerm#29129). */
export const MIN_PENDING_SECONDS = 60;

export interface AksMonitoringProps {
  readonly name: string;
  readonly region: string;
  readonly resourceGroupName: string;
  readonly clusterId: string;
  /** The cluster's name: managed Prometheus labels every series with it (`cluster`). */
  readonly clusterName: string;
  readonly logAnalyticsWorkspaceId: string;
  /**
   * The guide's alerts, evaluated in the workspace and sent to the action group. None where the
   * Prometheus Operator evaluates them in the cluster (`kubernetes.prometheusOperator`).
   */
  readonly alerts?: { readonly rules: readonly PrometheusAlertRule[]; readonly actionGroupId: string };
}

/** A Prometheus duration (`300s`) as Azure's pending period: ISO 8601, at least a minute. */
export function pendingPeriod(duration: string): string {
  const match = /^(\d+)s$/.exec(duration);
  if (!match) throw new Error(`unsupported Prometheus duration ${duration}`);
  return isoDuration(Math.max(MIN_PENDING_SECONDS, Number(match[1])));
}

/**
 * What the cluster's `monitor_metrics` and `oms_agent` add-ons send their data through: an Azure
 * Monitor workspace for managed Prometheus, a data collection endpoint, and data collection rules for
 * Prometheus metrics and Container Insights, each associated with the cluster. With `alerts`, a
 * Prometheus rule group evaluates the guide's four alerts over this cluster's series in the workspace
 * (what `AksPrometheusScrape` has the add-on collect).
 */
export class AksMonitoring extends Construct {
  readonly prometheusWorkspace: MonitorWorkspace;
  readonly alertRules?: MonitorAlertPrometheusRuleGroup;

  constructor(scope: Construct, id: string, props: AksMonitoringProps) {
    super(scope, id);
    const { name, region, resourceGroupName } = props;
    this.prometheusWorkspace = new MonitorWorkspace(this, 'prometheus-workspace', { name, location: region, resourceGroupName });
    const endpoint = new MonitorDataCollectionEndpoint(this, 'endpoint', {
      name: `${name}-aks`,
      location: region,
      resourceGroupName,
      kind: 'Linux',
    });
    const prometheus = new MonitorDataCollectionRule(this, 'prometheus-rule', {
      name: `${name}-prometheus`,
      location: region,
      resourceGroupName,
      kind: 'Linux',
      dataCollectionEndpointId: endpoint.id,
      destinations: { monitorAccount: [{ name: 'prometheus', monitorAccountId: this.prometheusWorkspace.id }] },
      dataFlow: [{ streams: [PROMETHEUS_STREAM], destinations: ['prometheus'] }],
      dataSources: { prometheusForwarder: [{ name: 'prometheus', streams: [PROMETHEUS_STREAM] }] },
    });
    const insights = new MonitorDataCollectionRule(this, 'insights-rule', {
      name: `${name}-container-insights`,
      location: region,
      resourceGroupName,
      destinations: { logAnalytics: [{ name: 'workspace', workspaceResourceId: props.logAnalyticsWorkspaceId }] },
      dataFlow: [{ streams: [...CONTAINER_INSIGHTS_STREAMS], destinations: ['workspace'] }],
      dataSources: {
        extension: [
          {
            name: 'container-insights',
            extensionName: 'ContainerInsights',
            streams: [...CONTAINER_INSIGHTS_STREAMS],
            extensionJson: JSON.stringify({
              dataCollectionSettings: { interval: '1m', namespaceFilteringMode: 'Off', enableContainerLogV2: true },
            }),
          },
        ],
      },
    });
    // The agents find the endpoint through this association; Azure requires the name.
    new MonitorDataCollectionRuleAssociation(this, 'endpoint-association', {
      name: 'configurationAccessEndpoint',
      targetResourceId: props.clusterId,
      dataCollectionEndpointId: endpoint.id,
    });
    new MonitorDataCollectionRuleAssociation(this, 'prometheus-association', {
      name: `${name}-prometheus`,
      targetResourceId: props.clusterId,
      dataCollectionRuleId: prometheus.id,
    });
    new MonitorDataCollectionRuleAssociation(this, 'insights-association', {
      name: `${name}-container-insights`,
      targetResourceId: props.clusterId,
      dataCollectionRuleId: insights.id,
    });
    if (props.alerts) {
      const { actionGroupId } = props.alerts;
      this.alertRules = new MonitorAlertPrometheusRuleGroup(this, 'alert-rules', {
        name: `${name}-alerts`,
        location: region,
        resourceGroupName,
        description: "The hosting guide's alerts over MockForge's Prometheus metrics",
        scopes: [this.prometheusWorkspace.id],
        clusterName: props.clusterName,
        ruleGroupEnabled: true,
        interval: PROMETHEUS_RULE_INTERVAL,
        rule: props.alerts.rules.map((rule) => ({
          alert: rule.alert,
          expression: rule.expr,
          for: pendingPeriod(rule.for),
          severity: ALERT_SEVERITY[rule.labels.severity],
          labels: { ...rule.labels },
          annotations: { ...rule.annotations },
          enabled: true,
          action: [{ actionGroupId }],
        })),
      });
    }
  }
}

/** Where the managed Prometheus add-on (ama-metrics) runs and reads its settings. */
export const AMA_METRICS = {
  namespace: 'kube-system',
  settingsConfigMap: 'ama-metrics-settings-configmap',
  /** The add-on's own PodMonitor group, so it never collides with a Prometheus Operator's. */
  podMonitorApi: 'azmonitoring.coreos.com/v1',
} as const;

/** The pods' metrics port, by the name the pod template gives it. */
const METRICS_PORT: ServicePort['name'] = 'metrics';

/**
 * The add-on's cAdvisor scrape keeps a minimal set of series; the memory alert also needs the
 * container's limit, so it joins the list (the minimal profile stays on for everything else).
 */
export const AMA_METRICS_SETTINGS: Readonly<Record<string, string>> = {
  'schema-version': 'v1',
  'config-version': 'ver1',
  'default-targets-metrics-keep-list': [`cadvisor = "${SERIES.memoryLimit}"`, 'minimalingestionprofile = true'].join('\n'),
};

export interface AksPrometheusScrapeProps {
  /** Namespace of the MockForge pods; a literal, since kubernetes_manifest needs known values at plan time. */
  readonly namespace: string;
  readonly name: string;
  /** Pod labels that select the MockForge server pods. */
  readonly podSelector: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** Created first (the namespace). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * What has AKS's managed Prometheus collect the series the alerts read: a PodMonitor of the add-on's
 * own API on MockForge's metrics port (requests and latency), and the add-on's settings, which add the
 * container memory limit to its cAdvisor scrape (the working set is already in it).
 */
export class AksPrometheusScrape extends Construct {
  readonly podMonitor: Manifest;
  readonly settings: ConfigMapV1;

  constructor(scope: Construct, id: string, props: AksPrometheusScrapeProps) {
    super(scope, id);
    this.podMonitor = new Manifest(this, 'pod-monitor', {
      dependsOn: [...props.dependsOn],
      manifest: {
        apiVersion: AMA_METRICS.podMonitorApi,
        kind: 'PodMonitor',
        metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels } },
        spec: {
          selector: { matchLabels: { ...props.podSelector } },
          podMetricsEndpoints: [{ port: METRICS_PORT, path: METRICS_PATH, interval: SCRAPE_INTERVAL }],
        },
      },
    });
    this.settings = new ConfigMapV1(this, 'settings', {
      metadata: { name: AMA_METRICS.settingsConfigMap, namespace: AMA_METRICS.namespace, labels: { ...props.labels } },
      data: { ...AMA_METRICS_SETTINGS },
    });
  }
}
