import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { ALERTS, asPercent, PUBLIC_PORTS, TARGET_HEALTH, type CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';
import { alarmWindow, comparisonOf } from './alarm-window';

export interface AvailabilityAlarmProps extends CommonProps {
  readonly name: string;
  /** The public name, checked through CloudFront like a user would reach it. */
  readonly domainName: string;
  readonly topicArn: string;
}

/**
 * The seed's availability alert: Route 53 checkers around the world request `/health/ready`
 * through CloudFront; the alarm fires when fewer than 99 % of them succeed for 10 minutes.
 * Route 53 publishes these metrics in us-east-1, where the global stack runs.
 * `tags` and `overrides` apply to the alarm (`aws_cloudwatch_metric_alarm`); `tags` also to the health check.
 */
export class AvailabilityAlarm extends Construct {
  readonly healthCheckId: string;

  constructor(scope: Construct, id: string, props: AvailabilityAlarmProps) {
    super(scope, id);
    const check = new Route53HealthCheck(this, 'health_check', {
      type: 'HTTPS',
      fqdn: props.domainName,
      port: PUBLIC_PORTS.https,
      resourcePath: TARGET_HEALTH.path,
      requestInterval: TARGET_HEALTH.intervalSeconds,
      failureThreshold: TARGET_HEALTH.unhealthyThreshold,
      enableSni: true,
      measureLatency: true,
      tags: { Name: `${props.domainName} availability`, ...props.tags },
    });
    this.healthCheckId = check.id;
    const rule = ALERTS.lowAvailability;
    const alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: `${props.name}-${rule.name}`,
      alarmDescription: `${rule.severity}: ${rule.description}`,
      namespace: 'AWS/Route53',
      metricName: 'HealthCheckPercentageHealthy',
      dimensions: { HealthCheckId: check.id },
      statistic: 'Average',
      comparisonOperator: comparisonOf(rule),
      threshold: asPercent(rule),
      ...alarmWindow(rule),
      treatMissingData: 'breaching',
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
    applyCommonProps(alarm, props);
  }
}
