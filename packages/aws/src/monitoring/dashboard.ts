import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { ALERTS, type CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';
import { AWS_PLATFORM } from '../sizing';
import { percentileStatistic } from './alarm-window';

export interface ServiceDashboardProps extends CommonProps {
  readonly name: string;
  readonly region: string;
  /** Adds load balancer widgets. @default none (EKS: the controller owns the ALB) */
  readonly loadBalancerArnSuffix?: string;
  readonly ecs?: { readonly clusterName: string; readonly serviceName: string };
  /** Adds the PostgreSQL widget. @default none (no managed database in the tier) */
  readonly databaseIdentifier?: string;
  /** Adds the Redis widget. @default none (no managed cache in the tier) */
  readonly cacheReplicationGroupId?: string;
}

const WIDTH = 12;
const HEIGHT = 6;

/**
 * Requests, errors, latency, service CPU/memory, database and cache at a glance.
 * `overrides` apply to the dashboard (`aws_cloudwatch_dashboard`); `tags` are not applied, since
 * CloudWatch dashboards take none.
 */
export class ServiceDashboard extends Construct {
  readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const lb = ['LoadBalancer', props.loadBalancerArnSuffix ?? ''];
    const widget = (title: string, metrics: unknown[][], stat = 'Sum') => ({
      type: 'metric',
      width: WIDTH,
      height: HEIGHT,
      properties: { title, region: props.region, stat, period: AWS_PLATFORM.alarmPeriodSeconds, metrics },
    });
    const latency = percentileStatistic(ALERTS.highLatency);
    const widgets = [
      ...(props.loadBalancerArnSuffix
        ? [
            widget('Requests', [['AWS/ApplicationELB', 'RequestCount', ...lb]]),
            widget('5XX responses', [
              ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', ...lb],
              ['AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', ...lb],
            ]),
            widget(`${latency} response time (s)`, [['AWS/ApplicationELB', 'TargetResponseTime', ...lb]], latency),
          ]
        : []),
      ...(props.ecs
        ? [
            widget(
              'Service CPU and memory (%)',
              [
                ['AWS/ECS', 'CPUUtilization', 'ClusterName', props.ecs.clusterName, 'ServiceName', props.ecs.serviceName],
                ['AWS/ECS', 'MemoryUtilization', 'ClusterName', props.ecs.clusterName, 'ServiceName', props.ecs.serviceName],
              ],
              'Average',
            ),
          ]
        : []),
      ...(props.databaseIdentifier
        ? [widget('PostgreSQL CPU (%)', [['AWS/RDS', 'CPUUtilization', 'DBInstanceIdentifier', props.databaseIdentifier]], 'Average')]
        : []),
      ...(props.cacheReplicationGroupId
        ? [
            widget(
              'Redis engine CPU (%)',
              [['AWS/ElastiCache', 'EngineCPUUtilization', 'ReplicationGroupId', props.cacheReplicationGroupId]],
              'Average',
            ),
          ]
        : []),
    ];
    const dashboard = new CloudwatchDashboard(this, 'dashboard', { dashboardName: props.name, dashboardBody: JSON.stringify({ widgets }) });
    applyCommonProps(dashboard, props);
    this.dashboardName = dashboard.dashboardName;
  }
}
