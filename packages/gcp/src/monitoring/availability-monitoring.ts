import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { MonitoringUptimeCheckConfig } from '@cdktf/provider-google/lib/monitoring-uptime-check-config';
import { ALERTS, HEALTH_PATHS, PUBLIC_PORTS, TARGET_HEALTH, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { UPTIME_CHECK_PERIOD } from '../sizing';
import { alertSeverity, availabilityCondition } from './alert-conditions';
import { emailChannel } from './notification-channel';

/** `tags` label the uptime check, the alert policy and the channel; `overrides` apply to the uptime check. */
export interface AvailabilityMonitoringProps extends CommonProps {
  readonly context: TargetContext;
  readonly project: string;
  /** The public name checked over HTTPS. */
  readonly host: string;
}

/** An uptime check of the readiness endpoint through the public load balancer, and its availability alert. */
export class AvailabilityMonitoring extends Construct {
  readonly uptimeCheck: MonitoringUptimeCheckConfig;

  constructor(scope: Construct, id: string, props: AvailabilityMonitoringProps) {
    super(scope, id);
    const { context } = props;
    const rule = ALERTS.lowAvailability;
    const email = context.monitoring.notificationEmail;
    const channel = email ? emailChannel(this, 'email', `MockForge ${context.tier} availability`, email) : undefined;
    this.uptimeCheck = new MonitoringUptimeCheckConfig(this, 'uptime-check', {
      displayName: resourceName(context.tier, 'readiness'),
      period: UPTIME_CHECK_PERIOD,
      timeout: `${TARGET_HEALTH.timeoutSeconds}s`,
      httpCheck: { path: HEALTH_PATHS.readiness, port: PUBLIC_PORTS.https, useSsl: true, validateSsl: true, requestMethod: 'GET' },
      monitoredResource: { type: 'uptime_url', labels: { host: props.host, project_id: props.project } },
    });
    new MonitoringAlertPolicy(this, rule.name, {
      displayName: `${resourceName(context.tier)} ${rule.name}`,
      combiner: 'OR',
      severity: alertSeverity(rule),
      conditions: [availabilityCondition(rule, this.uptimeCheck.uptimeCheckId)],
      notificationChannels: channel ? [channel.name] : [],
      documentation: { content: rule.description, mimeType: 'text/markdown' },
    });
    applyCommonProps(this, this.uptimeCheck, props);
  }
}
