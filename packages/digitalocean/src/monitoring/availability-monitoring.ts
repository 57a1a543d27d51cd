import { UptimeAlert } from '@cdktf/provider-digitalocean/lib/uptime-alert';
import { UptimeCheck } from '@cdktf/provider-digitalocean/lib/uptime-check';
import { ALERTS, HEALTH_PATHS, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { MONITORING } from '../sizing';

export interface AvailabilityMonitoringProps extends CommonProps {
  readonly context: TargetContext;
}

/**
 * An uptime check of https://<hostname>/health/ready from three continents, alerting `alerts.email`
 * when it is down and when latency stays above the guide's 1000 ms.
 */
export class AvailabilityMonitoring extends Construct {
  readonly check: UptimeCheck;
  readonly alerts: UptimeAlert[] = [];

  constructor(scope: Construct, id: string, props: AvailabilityMonitoringProps) {
    super(scope, id);
    const { context } = props;
    this.check = new UptimeCheck(this, 'check', {
      name: resourceName(context.tier, 'ready'),
      target: `https://${context.hostname}${HEALTH_PATHS.readiness}`,
      type: 'https',
      regions: [...MONITORING.uptimeRegions],
      enabled: true,
    });
    const email = context.monitoring.notificationEmail;
    if (email) {
      const notifications = [{ email: [email] }];
      this.alerts.push(
        new UptimeAlert(this, 'down', {
          checkId: this.check.id,
          name: resourceName(context.tier, 'down'),
          type: 'down',
          period: MONITORING.uptimePeriod,
          notifications,
        }),
        new UptimeAlert(this, 'latency', {
          checkId: this.check.id,
          name: resourceName(context.tier, 'latency'),
          type: 'latency',
          comparison: 'greater_than',
          threshold: ALERTS.highLatency.threshold,
          period: MONITORING.uptimePeriod,
          notifications,
        }),
      );
    }
    applyCommonProps(this, this.check, props);
  }
}
