import { ALERTS } from '@mockforge-infra/core';
import { percentileAligner } from './alert-conditions';

/** A dashboard of the service's golden signals: requests by status class, the alerted latency percentile, instances, memory. */
export function serviceDashboard(title: string, serviceName: string): string {
  const { percentile } = ALERTS.highLatency;
  const filter = (metric: string) =>
    `resource.type="cloud_run_revision" resource.labels.service_name="${serviceName}" metric.type="${metric}"`;
  const chart = (chartTitle: string, metric: string, aligner: string, reducer: string, groupBy: string[] = []) => ({
    title: chartTitle,
    xyChart: {
      dataSets: [
        {
          plotType: 'LINE',
          timeSeriesQuery: {
            timeSeriesFilter: {
              filter: filter(metric),
              aggregation: { alignmentPeriod: '60s', perSeriesAligner: aligner, crossSeriesReducer: reducer, groupByFields: groupBy },
            },
          },
        },
      ],
    },
  });
  return JSON.stringify({
    displayName: title,
    gridLayout: {
      columns: '2',
      widgets: [
        chart('Requests by status class', 'run.googleapis.com/request_count', 'ALIGN_RATE', 'REDUCE_SUM', [
          'metric.label.response_code_class',
        ]),
        chart(`p${percentile} latency (ms)`, 'run.googleapis.com/request_latencies', percentileAligner(percentile), 'REDUCE_MAX'),
        chart('Instances', 'run.googleapis.com/container/instance_count', 'ALIGN_MEAN', 'REDUCE_SUM'),
        chart('Memory utilisation', 'run.googleapis.com/container/memory/utilizations', 'ALIGN_PERCENTILE_99', 'REDUCE_MAX'),
      ],
    },
  });
}
