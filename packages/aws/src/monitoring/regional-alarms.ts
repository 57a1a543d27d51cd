import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { ALERTS, asPercent, HEALTH_PATHS, type CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';
import { alarmWindow, comparisonOf, percentileStatistic } from './alarm-window';

export interface RegionalAlarmsProps extends CommonProps {
  readonly name: string;
  readonly topicArn: string;
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  /** ECS cluster and service for the memory alarm; EKS memory alerts come from the workload's Prometheus rules. */
  readonly ecs?: { readonly clusterName: string; readonly serviceName: string };
}

const MILLISECONDS_PER_SECOND = 1000;

/**
 * The seed's regional alerts: 5XX rate (metric math), latency percentile, memory; plus "no healthy
 * targets", which Route 53 health checks follow to take a region out of DNS.
 * `tags` apply to every alarm; `overrides` to the "no healthy targets" alarm (`noHealthyTargets`).
 */
export class RegionalAlarms extends Construct {
  readonly noHealthyTargets: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: RegionalAlarmsProps) {
    super(scope, id);
    const shared = { alarmActions: [props.topicArn], okActions: [props.topicArn], tags: props.tags };
    const lb = { LoadBalancer: props.loadBalancerArnSuffix };

    const errors = ALERTS.highErrorRate;
    const metric = (metricName: string, stat = 'Sum') => ({
      metric: { namespace: 'AWS/ApplicationELB', metricName, dimensions: lb, period: alarmWindow(errors).period, stat },
    });
    new CloudwatchMetricAlarm(this, 'high_error_rate', {
      alarmName: `${props.name}-${errors.name}`,
      alarmDescription: `${errors.severity}: ${errors.description}`,
      comparisonOperator: comparisonOf(errors),
      threshold: asPercent(errors),
      ...alarmWindow(errors),
      period: undefined,
      treatMissingData: 'notBreaching',
      metricQuery: [
        { id: 'target5xx', returnData: false, ...metric('HTTPCode_Target_5XX_Count') },
        { id: 'elb5xx', returnData: false, ...metric('HTTPCode_ELB_5XX_Count') },
        { id: 'requests', returnData: false, ...metric('RequestCount') },
        {
          id: 'error_rate',
          label: '5XX error rate (%)',
          returnData: true,
          expression: '100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests',
        },
      ],
      ...shared,
    });

    const latency = ALERTS.highLatency;
    new CloudwatchMetricAlarm(this, 'high_latency', {
      alarmName: `${props.name}-${latency.name}`,
      alarmDescription: `${latency.severity}: ${latency.description}`,
      namespace: 'AWS/ApplicationELB',
      metricName: 'TargetResponseTime',
      dimensions: lb,
      extendedStatistic: percentileStatistic(latency),
      comparisonOperator: comparisonOf(latency),
      threshold: latency.threshold / MILLISECONDS_PER_SECOND,
      ...alarmWindow(latency),
      treatMissingData: 'notBreaching',
      ...shared,
    });

    if (props.ecs) {
      const memory = ALERTS.highMemoryUsage;
      new CloudwatchMetricAlarm(this, 'high_memory_usage', {
        alarmName: `${props.name}-${memory.name}`,
        alarmDescription: `${memory.severity}: ${memory.description}`,
        namespace: 'AWS/ECS',
        metricName: 'MemoryUtilization',
        dimensions: { ClusterName: props.ecs.clusterName, ServiceName: props.ecs.serviceName },
        statistic: 'Maximum',
        comparisonOperator: comparisonOf(memory),
        threshold: asPercent(memory),
        ...alarmWindow(memory),
        treatMissingData: 'missing',
        ...shared,
      });
    }

    const availability = ALERTS.lowAvailability;
    this.noHealthyTargets = new CloudwatchMetricAlarm(this, 'no_healthy_targets', {
      alarmName: `${props.name}-no-healthy-targets`,
      alarmDescription: `${availability.severity}: no target passes ${HEALTH_PATHS.readiness}; Route 53 stops sending this region traffic`,
      namespace: 'AWS/ApplicationELB',
      metricName: 'HealthyHostCount',
      dimensions: { ...lb, TargetGroup: props.targetGroupArnSuffix },
      statistic: 'Minimum',
      comparisonOperator: 'LessThanThreshold',
      threshold: 1,
      period: alarmWindow(availability).period,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: 'breaching',
      ...shared,
    });
    applyCommonProps(this.noHealthyTargets, props);
  }
}
