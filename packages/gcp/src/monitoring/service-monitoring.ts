import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { MonitoringAlertPolicy, type MonitoringAlertPolicyConditions } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { MonitoringDashboard } from '@cdktf/provider-google/lib/monitoring-dashboard';
import type { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { ALERTS, type AlertRule, type CommonProps, type Monitoring, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { alertSeverity, errorRatioCondition, percentileAligner, percentileCondition } from './alert-conditions';
import { serviceDashboard } from './dashboard';
import { emailChannel } from './notification-channel';

/** `tags` label the alert policies and the channel; `overrides` apply to the log bucket. */
export interface ServiceMonitoringProps extends CommonProps {
  readonly context: TargetContext;
  readonly project: string;
  readonly region: string;
  /** The Cloud Run service watched. */
  readonly serviceName: string;
}

/**
 * One region's service alerts (5xx ratio, p95 latency, memory), an email channel, a dashboard,
 * and a regional log bucket with the seed's retention that receives the service's logs.
 * Availability comes from the uptime check in the global stack.
 */
export class ServiceMonitoring extends Construct implements Monitoring {
  readonly channel?: MonitoringNotificationChannel;
  readonly alertTarget: string;
  readonly dashboardName: string;
  readonly logBucket: LoggingProjectBucketConfig;

  constructor(scope: Construct, id: string, props: ServiceMonitoringProps) {
    super(scope, id);
    const { context, region, serviceName } = props;
    const email = context.monitoring.notificationEmail;
    this.channel = email ? emailChannel(this, 'email', `MockForge ${context.tier} ${region}`, email) : undefined;
    this.alertTarget = this.channel?.name ?? '';
    const alerts: [AlertRule, MonitoringAlertPolicyConditions][] = [
      [ALERTS.highErrorRate, errorRatioCondition(ALERTS.highErrorRate, serviceName)],
      [
        ALERTS.highLatency,
        percentileCondition(
          ALERTS.highLatency,
          'run.googleapis.com/request_latencies',
          serviceName,
          percentileAligner(ALERTS.highLatency.percentile),
        ),
      ],
      [
        ALERTS.highMemoryUsage,
        percentileCondition(ALERTS.highMemoryUsage, 'run.googleapis.com/container/memory/utilizations', serviceName, 'ALIGN_PERCENTILE_99'),
      ],
    ];
    for (const [rule, condition] of alerts) {
      new MonitoringAlertPolicy(this, rule.name, {
        displayName: `${resourceName(context.tier, region)} ${rule.name}`,
        combiner: 'OR',
        severity: alertSeverity(rule),
        conditions: [condition],
        notificationChannels: this.channel ? [this.channel.name] : [],
        documentation: { content: rule.description, mimeType: 'text/markdown' },
      });
    }
    const dashboard = new MonitoringDashboard(this, 'dashboard', {
      dashboardJson: serviceDashboard(`MockForge ${context.tier} ${region}`, serviceName),
    });
    this.dashboardName = dashboard.id;
    this.logBucket = new LoggingProjectBucketConfig(this, 'log-bucket', {
      project: props.project,
      location: region,
      bucketId: resourceName(context.tier, region),
      description: 'MockForge service logs',
      retentionDays: context.monitoring.logRetentionDays,
    });
    new LoggingProjectSink(this, 'log-sink', {
      name: resourceName(context.tier, region),
      destination: `logging.googleapis.com/projects/${props.project}/locations/${region}/buckets/${this.logBucket.bucketId}`,
      filter: `resource.type = "cloud_run_revision" AND resource.labels.service_name = "${serviceName}"`,
      uniqueWriterIdentity: true,
    });
    applyCommonProps(this, this.logBucket, props);
  }
}
