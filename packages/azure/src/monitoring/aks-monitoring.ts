import { MonitorDataCollectionEndpoint } from '@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { MonitorDataCollectionRuleAssociation } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association';
import { MonitorWorkspace } from '@cdktf/provider-azurerm/lib/monitor-workspace';
import { Construct } from 'constructs';

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

export interface AksMonitoringProps {
  readonly name: string;
  readonly region: string;
  readonly resourceGroupName: string;
  readonly clusterId: string;
  readonly logAnalyticsWorkspaceId: string;
}

/**
 * What the cluster's `monitor_metrics` and `oms_agent` add-ons send their data through: an Azure
 * Monitor workspace for managed Prometheus, a data collection endpoint, and data collection rules for
 * Prometheus metrics and Container Insights, each associated with the cluster.
 */
export class AksMonitoring extends Construct {
  readonly prometheusWorkspace: MonitorWorkspace;

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
  }
}
