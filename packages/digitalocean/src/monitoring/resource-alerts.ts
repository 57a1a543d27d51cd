import { MonitorAlert } from '@cdktf/provider-digitalocean/lib/monitor-alert';
import { ALERTS, asPercent, SCALING_TRIGGERS, type AlertRule, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';

/** DigitalOcean Monitoring metric types. */
export const MONITOR_TYPES = {
  databaseCpu: 'v1/dbaas/alerts/cpu_alerts',
  databaseMemory: 'v1/dbaas/alerts/memory_utilization_alerts',
  nodeCpu: 'v1/insights/droplet/cpu',
  nodeMemory: 'v1/insights/droplet/memory_utilization_percent',
  loadBalancer5xxPercent: 'v1/insights/lbaas/increase_in_http_error_rate_percentage_5xx',
  loadBalancerP95ResponseTime: 'v1/insights/lbaas/high_http_request_response_time_95p',
} as const;

/** The windows a monitor alert takes, by length in seconds. */
const MONITOR_WINDOWS: Readonly<Record<number, string>> = { 300: '5m', 600: '10m', 1800: '30m', 3600: '1h' };

/** A seed alert's duration as a monitor alert window. */
export function monitorWindow(rule: AlertRule): string {
  const window = MONITOR_WINDOWS[rule.durationSeconds];
  if (!window) throw new Error(`no DigitalOcean monitor window of ${rule.durationSeconds} s (${rule.name})`);
  return window;
}

export interface ResourceAlertsProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  /** Managed database cluster ids (PostgreSQL, Valkey). */
  readonly databaseClusterIds: readonly string[];
  /** The tag of the region's DOKS nodes, when DOKS runs here. */
  readonly nodeTag?: string;
  /** The region's load balancer in front of DOKS: every request to the service passes it. */
  readonly loadBalancerId?: string;
}

/**
 * Monitor alerts to `alerts.email`, evaluated by DigitalOcean from the metrics it collects itself (the
 * managed databases, the DOKS nodes' preinstalled agent, the load balancer): CPU above the scale-up
 * trigger (80 %) and memory above the high-memory alert (90 %) for five minutes on the databases and
 * the nodes, and on the load balancer the guide's error-rate, availability and p95-latency alerts.
 */
export class ResourceAlerts extends Construct {
  readonly alerts: MonitorAlert[] = [];

  constructor(scope: Construct, id: string, props: ResourceAlertsProps) {
    super(scope, id);
    const email = props.context.monitoring.notificationEmail;
    if (!email) return;
    const where = `MockForge ${props.context.tier} ${props.region}`;
    const add = (
      name: string,
      type: string,
      value: number,
      window: string,
      what: string,
      target: { entities?: string[]; tags?: string[] },
    ) =>
      this.alerts.push(
        new MonitorAlert(this, name, {
          type,
          compare: 'GreaterThan',
          value,
          window,
          enabled: true,
          description: `${where}: ${what}`,
          alerts: { email: [email] },
          ...target,
        }),
      );
    const cpu = SCALING_TRIGGERS.cpu.scaleUpAbove;
    const memory = asPercent(ALERTS.highMemoryUsage);
    const memoryWindow = monitorWindow(ALERTS.highMemoryUsage);
    // An alert needs at least one entity: a dev region runs no managed database.
    if (props.databaseClusterIds.length > 0) {
      const databases = { entities: [...props.databaseClusterIds] };
      add('database-cpu', MONITOR_TYPES.databaseCpu, cpu, memoryWindow, `database CPU above ${cpu} %`, databases);
      add('database-memory', MONITOR_TYPES.databaseMemory, memory, memoryWindow, `database memory above ${memory} %`, databases);
    }
    if (props.nodeTag) {
      const nodes = { tags: [props.nodeTag] };
      add('node-cpu', MONITOR_TYPES.nodeCpu, cpu, memoryWindow, `DOKS node CPU above ${cpu} %`, nodes);
      add(
        'node-memory',
        MONITOR_TYPES.nodeMemory,
        memory,
        memoryWindow,
        `${ALERTS.highMemoryUsage.name}: DOKS node memory above ${memory} %`,
        nodes,
      );
    }
    if (props.loadBalancerId) {
      const lb = { entities: [props.loadBalancerId] };
      const { highErrorRate, lowAvailability, highLatency } = ALERTS;
      const errors = asPercent(highErrorRate);
      add(
        'lb-error-rate',
        MONITOR_TYPES.loadBalancer5xxPercent,
        errors,
        monitorWindow(highErrorRate),
        `${highErrorRate.name}: more than ${errors} % of responses are 5xx`,
        lb,
      );
      // Availability is the share of responses that are not 5xx (as in the Prometheus rules): below 99 % means more than 1 % 5xx.
      const unavailable = Math.round((100 - asPercent(lowAvailability)) * 100) / 100;
      add(
        'lb-availability',
        MONITOR_TYPES.loadBalancer5xxPercent,
        unavailable,
        monitorWindow(lowAvailability),
        `${lowAvailability.name}: availability below ${asPercent(lowAvailability)} % (more than ${unavailable} % of responses 5xx)`,
        lb,
      );
      add(
        'lb-latency',
        MONITOR_TYPES.loadBalancerP95ResponseTime,
        highLatency.threshold,
        monitorWindow(highLatency),
        `${highLatency.name}: p${highLatency.percentile} response time above ${highLatency.threshold} ms`,
        lb,
      );
    }
    for (const alert of this.alerts) applyCommonProps(this, alert, props);
  }
}
