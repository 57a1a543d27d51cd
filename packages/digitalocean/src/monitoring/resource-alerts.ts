import { MonitorAlert } from '@cdktf/provider-digitalocean/lib/monitor-alert';
import { ALERTS, asPercent, SCALING_TRIGGERS, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { MONITORING } from '../sizing';

/** DigitalOcean Monitoring metric types. */
export const MONITOR_TYPES = {
  databaseCpu: 'v1/dbaas/alerts/cpu_alerts',
  databaseMemory: 'v1/dbaas/alerts/memory_utilization_alerts',
  nodeCpu: 'v1/insights/droplet/cpu',
  nodeMemory: 'v1/insights/droplet/memory_utilization_percent',
} as const;

export interface ResourceAlertsProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  /** Managed database cluster ids (PostgreSQL, Valkey). */
  readonly databaseClusterIds: readonly string[];
  /** The tag of the region's DOKS nodes, when DOKS runs here. */
  readonly nodeTag?: string;
}

/**
 * Monitor alerts at the guide's thresholds, to `alerts.email`: CPU above the scale-up trigger
 * (80 %) and memory above the high-memory alert (90 %) for five minutes, on the managed databases
 * and on the DOKS nodes.
 */
export class ResourceAlerts extends Construct {
  readonly alerts: MonitorAlert[] = [];

  constructor(scope: Construct, id: string, props: ResourceAlertsProps) {
    super(scope, id);
    const email = props.context.monitoring.notificationEmail;
    if (!email) return;
    const where = `MockForge ${props.context.tier} ${props.region}`;
    const add = (name: string, type: string, value: number, what: string, target: { entities?: string[]; tags?: string[] }) =>
      this.alerts.push(
        new MonitorAlert(this, name, {
          type,
          compare: 'GreaterThan',
          value,
          window: MONITORING.monitorWindow,
          enabled: true,
          description: `${where}: ${what}`,
          alerts: { email: [email] },
          ...target,
        }),
      );
    const cpu = SCALING_TRIGGERS.cpu.scaleUpAbove;
    const memory = asPercent(ALERTS.highMemoryUsage);
    // An alert needs at least one entity: a dev region runs no managed database.
    if (props.databaseClusterIds.length > 0) {
      const databases = { entities: [...props.databaseClusterIds] };
      add('database-cpu', MONITOR_TYPES.databaseCpu, cpu, `database CPU above ${cpu} %`, databases);
      add('database-memory', MONITOR_TYPES.databaseMemory, memory, `database memory above ${memory} %`, databases);
    }
    if (props.nodeTag) {
      const nodes = { tags: [props.nodeTag] };
      add('node-cpu', MONITOR_TYPES.nodeCpu, cpu, `DOKS node CPU above ${cpu} %`, nodes);
      add('node-memory', MONITOR_TYPES.nodeMemory, memory, `DOKS node memory above ${memory} %`, nodes);
    }
    for (const alert of this.alerts) applyCommonProps(this, alert, props);
  }
}
