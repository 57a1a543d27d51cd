import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { MonitorScheduledQueryRulesAlertV2 } from '@cdktf/provider-azurerm/lib/monitor-scheduled-query-rules-alert-v2';
import {
  ALERTS,
  asPercent,
  OBSERVABILITY,
  TARGET_HEALTH,
  type AlertRule,
  type CommonProps,
  type TargetContext,
} from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { ALERT_SEVERITY, LOG_ANALYTICS, WEB_TEST, webTest } from '../sizing';

/** Seconds as an ISO 8601 duration: 300 → PT5M. */
export function isoDuration(seconds: number): string {
  return seconds % 3600 === 0 ? `PT${seconds / 3600}H` : seconds % 60 === 0 ? `PT${seconds / 60}M` : `PT${seconds}S`;
}

/** Log queries over the Log Analytics tables workspace-based Application Insights writes, one per log-based alert. */
export const ALERT_QUERIES: Readonly<Record<'highErrorRate' | 'highLatency' | 'lowAvailability', { query: string; column: string }>> = {
  highErrorRate: {
    query:
      'AppRequests | summarize total = count(), failed = countif(toint(ResultCode) >= 500) | extend ratio = iff(total == 0, 0.0, todouble(failed) / total)',
    column: 'ratio',
  },
  highLatency: { query: `AppRequests | summarize latency = percentile(DurationMs, ${ALERTS.highLatency.percentile})`, column: 'latency' },
  lowAvailability: {
    query: 'AppAvailabilityResults | summarize availability = avg(iff(Success == true, 1.0, 0.0))',
    column: 'availability',
  },
};

export interface RegionalMonitoringProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly resourceGroupName: string;
  /**
   * Adds the low-availability log alert: only the primary's Application Insights receives the global
   * availability test's results, so other regions would alert on no data.
   */
  readonly availabilityAlert: boolean;
  /** The app scales to zero, so every availability test run starts it cold (`availabilityAlerting`). */
  readonly scalesToZero: boolean;
}

/**
 * The severity, window and text of the availability alerts (the regional log alert and the global
 * test's alert read the same runs). The window holds at least one run from every location. A test from
 * one location says whether its run passed, so the text says that rather than a percentage. Where the
 * app scales to zero, the test comes less often than the scale-down, so every run starts the app cold
 * and a cold start past the test's timeout fails the run: there the alerts are warnings, not critical.
 * Tiers tested from several locations keep the guide's rule as it is (`description` undefined).
 */
export function availabilityAlerting(
  context: TargetContext,
  scalesToZero: boolean,
): { severity: (typeof ALERT_SEVERITY)[keyof typeof ALERT_SEVERITY]; windowSeconds: number; description?: string } {
  const rule = ALERTS.lowAvailability;
  const cadence = webTest(context.tier);
  const windowSeconds = Math.max(rule.durationSeconds, cadence.frequencySeconds);
  const severity = ALERT_SEVERITY[scalesToZero ? 'warning' : rule.severity];
  if (cadence.locations.length > 1) return { severity, windowSeconds };
  const measured =
    `A readiness test run failed in the last ${windowSeconds / 60} min (${TARGET_HEALTH.path} from one location ` +
    `every ${cadence.frequencySeconds / 60} min, ${WEB_TEST.timeoutSeconds} s timeout, retried)`;
  return {
    severity,
    windowSeconds,
    description: scalesToZero
      ? `${measured}; the app scales to zero, so every run starts it cold and a cold start past the timeout fails it: warning only`
      : measured,
  };
}

/**
 * The region's Log Analytics workspace (the guide's log retention), a workspace-based Application
 * Insights at the guide's 10 % sampling, the action group mailing `alerts.email`, and the guide's
 * four alerts: error rate, p95 latency and (in the primary) availability as log alerts over the
 * workspace, which holds the Application Insights tables, memory as a metric alert on the workload
 * (`alertMemory`).
 */
export class RegionalMonitoring extends Construct {
  readonly workspace: LogAnalyticsWorkspace;
  readonly insights: ApplicationInsights;
  readonly actionGroup: MonitorActionGroup;
  private readonly props: RegionalMonitoringProps;

  constructor(scope: Construct, id: string, props: RegionalMonitoringProps) {
    super(scope, id);
    this.props = props;
    const { context, region } = props;
    const name = resourceName(context.tier, region);
    this.workspace = new LogAnalyticsWorkspace(this, 'workspace', {
      name,
      location: region,
      resourceGroupName: props.resourceGroupName,
      sku: LOG_ANALYTICS.sku,
      retentionInDays: context.monitoring.logRetentionDays,
    });
    this.insights = new ApplicationInsights(this, 'insights', {
      name,
      location: region,
      resourceGroupName: props.resourceGroupName,
      applicationType: 'web',
      workspaceId: this.workspace.id,
      samplingPercentage: OBSERVABILITY.tracing.sampleRate * 100,
      retentionInDays: context.monitoring.logRetentionDays,
    });
    const email = context.monitoring.notificationEmail;
    this.actionGroup = new MonitorActionGroup(this, 'action-group', {
      name,
      resourceGroupName: props.resourceGroupName,
      shortName: `mf${context.tier}`.slice(0, 12),
      emailReceiver: email ? [{ name: 'oncall', emailAddress: email, useCommonAlertSchema: true }] : undefined,
    });
    const logAlert = (
      key: keyof typeof ALERT_QUERIES,
      rule: AlertRule,
      { windowSeconds = rule.durationSeconds, severity = ALERT_SEVERITY[rule.severity], description = rule.description } = {},
    ) =>
      new MonitorScheduledQueryRulesAlertV2(this, rule.name.replace(/_/g, '-'), {
        name: `${name}-${rule.name.replace(/_/g, '-')}`,
        location: region,
        resourceGroupName: props.resourceGroupName,
        description,
        // The queries name workspace tables (AppRequests), so they run on the workspace, not on Application Insights.
        scopes: [this.workspace.id],
        severity,
        windowDuration: isoDuration(windowSeconds),
        evaluationFrequency: isoDuration(Math.min(rule.durationSeconds, 300)),
        criteria: [
          {
            query: ALERT_QUERIES[key].query,
            metricMeasureColumn: ALERT_QUERIES[key].column,
            timeAggregationMethod: 'Average',
            operator: rule.comparison === 'above' ? 'GreaterThan' : 'LessThan',
            threshold: rule.threshold,
          },
        ],
        action: { actionGroups: [this.actionGroup.id] },
      });
    logAlert('highErrorRate', ALERTS.highErrorRate);
    logAlert('highLatency', ALERTS.highLatency);
    if (props.availabilityAlert) {
      const { windowSeconds, severity, description } = availabilityAlerting(context, props.scalesToZero);
      logAlert('lowAvailability', ALERTS.lowAvailability, {
        windowSeconds,
        severity,
        description: description ?? ALERTS.lowAvailability.description,
      });
    }
    applyCommonProps(this, this.workspace, props);
  }

  /** The guide's memory alert on a resource's memory metric (percent). */
  alertMemory(scope: string, metricNamespace: string, metricName: string, suffix?: string): MonitorMetricAlert {
    const rule = ALERTS.highMemoryUsage;
    const key = [rule.name.replace(/_/g, '-'), ...(suffix ? [suffix] : [])].join('-');
    return new MonitorMetricAlert(this, key, {
      name: `${resourceName(this.props.context.tier, this.props.region)}-${key}`,
      resourceGroupName: this.props.resourceGroupName,
      description: rule.description,
      scopes: [scope],
      severity: ALERT_SEVERITY[rule.severity],
      windowSize: isoDuration(rule.durationSeconds),
      frequency: 'PT1M',
      criteria: [{ metricNamespace, metricName, aggregation: 'Average', operator: 'GreaterThan', threshold: asPercent(rule) }],
      action: [{ actionGroupId: this.actionGroup.id }],
    });
  }

  /** Sends a resource's logs and metrics to the region's workspace. */
  diagnostics(id: string, targetResourceId: string, categoryGroup = 'allLogs'): MonitorDiagnosticSetting {
    return diagnosticSetting(this, id, targetResourceId, this.workspace.id, categoryGroup);
  }
}

/** A diagnostic setting: every log category group and all metrics to a Log Analytics workspace. */
export function diagnosticSetting(
  scope: Construct,
  id: string,
  targetResourceId: string,
  workspaceId: string,
  categoryGroup = 'allLogs',
): MonitorDiagnosticSetting {
  return new MonitorDiagnosticSetting(scope, `${id}-diagnostics`, {
    name: 'mockforge',
    targetResourceId,
    logAnalyticsWorkspaceId: workspaceId,
    enabledLog: [{ categoryGroup }],
    enabledMetric: [{ category: 'AllMetrics' }],
  });
}
