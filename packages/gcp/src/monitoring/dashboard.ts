import { ALERTS } from '@mockforge-infra/core';
import { percentileAligner } from './alert-conditions';

/** One line chart of a metric under a resource filter. */
function chart(title: string, resourceFilter: string, metric: string, aligner: string, reducer: string, groupBy: string[] = []) {
  return {
    title,
    xyChart: {
      dataSets: [
        {
          plotType: 'LINE',
          timeSeriesQuery: {
            timeSeriesFilter: {
              filter: `${resourceFilter} metric.type="${metric}"`,
              aggregation: { alignmentPeriod: '60s', perSeriesAligner: aligner, crossSeriesReducer: reducer, groupByFields: groupBy },
            },
          },
        },
      ],
    },
  };
}

const dashboard = (title: string, widgets: unknown[]) => JSON.stringify({ displayName: title, gridLayout: { columns: '2', widgets } });

/** A dashboard of the service's golden signals: requests by status class, the alerted latency percentile, instances, memory. */
export function serviceDashboard(title: string, serviceName: string): string {
  const { percentile } = ALERTS.highLatency;
  const run = `resource.type="cloud_run_revision" resource.labels.service_name="${serviceName}"`;
  return dashboard(title, [
    chart('Requests by status class', run, 'run.googleapis.com/request_count', 'ALIGN_RATE', 'REDUCE_SUM', [
      'metric.label.response_code_class',
    ]),
    chart(`p${percentile} latency (ms)`, run, 'run.googleapis.com/request_latencies', percentileAligner(percentile), 'REDUCE_MAX'),
    chart('Instances', run, 'run.googleapis.com/container/instance_count', 'ALIGN_MEAN', 'REDUCE_SUM'),
    chart('Memory utilisation', run, 'run.googleapis.com/container/memory/utilizations', 'ALIGN_PERCENTILE_99', 'REDUCE_MAX'),
  ]);
}

/**
 * The same golden signals for a GKE region behind the global load balancer: requests and backend
 * latency of the load balancer to this region's pod NEGs (`backend_name`, the same in every zone),
 * running MockForge containers and their memory against the limit.
 */
export function gkeDashboard(title: string, endpointGroupName: string, clusterName: string, containerName: string): string {
  const { percentile } = ALERTS.highLatency;
  const lb = `resource.type="https_lb_rule" resource.labels.backend_name="${endpointGroupName}"`;
  const pods = `resource.type="k8s_container" resource.labels.cluster_name="${clusterName}" resource.labels.container_name="${containerName}"`;
  return dashboard(title, [
    chart('Requests by status class', lb, 'loadbalancing.googleapis.com/https/request_count', 'ALIGN_RATE', 'REDUCE_SUM', [
      'metric.label.response_code_class',
    ]),
    chart(
      `p${percentile} backend latency (ms)`,
      lb,
      'loadbalancing.googleapis.com/https/backend_latencies',
      percentileAligner(percentile),
      'REDUCE_MAX',
    ),
    chart('Containers', pods, 'kubernetes.io/container/uptime', 'ALIGN_MEAN', 'REDUCE_COUNT'),
    chart('Memory utilisation (of the limit)', pods, 'kubernetes.io/container/memory/limit_utilization', 'ALIGN_MAX', 'REDUCE_MAX'),
  ]);
}
