import { defaultConfig, PolicyEngine, targetContext, type TierName } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gcpTarget } from '../target';

type Json = Record<string, any>;

/** The global stack of one tier, from a full app synthesis. */
function synthGlobal(tier: TierName): Json {
  const app = Testing.app();
  const stacks = gcpTarget.addStacks(
    app,
    targetContext(defaultConfig(['gcp']), tier, 'gcp'),
    new PolicyEngine(gcpTarget.rules, { failOnError: false }),
  );
  app.synth();
  const id = stacks.find((s) => s.node.id === `${tier}-gcp-global`)!.node.id;
  return JSON.parse(readFileSync(join(app.outdir, 'stacks', id, 'cdk.tf.json'), 'utf8')) as Json;
}

const body = ({ '//': _metadata, ...rest }: Json): Json => rest;
/** Every resource body of a type, without metadata. */
const bodiesOf = (json: Json, type: string): Json[] => Object.values((json.resource?.[type] ?? {}) as Record<string, Json>).map(body);

/** `${<type>.<id>.<attribute>}` of the resource a construct path (below the stack) names. */
function refAt(json: Json, type: string, path: string, attribute: string): string {
  const ids = Object.entries(json.resource?.[type] ?? {})
    .filter(([, r]: [string, any]) => r['//'].metadata.path.endsWith(`/${path}`))
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one ${type} at ${path}, found ${ids.length}`);
  return `\${${type}.${ids[0]}.${attribute}}`;
}

const HOSTNAMES: Readonly<Record<TierName, string>> = {
  dev: 'dev.mocks.example.com',
  staging: 'staging.mocks.example.com',
  production: 'mocks.example.com',
};

describe.each(['dev', 'staging', 'production'] as const)('availability monitoring (%s)', (tier) => {
  const json = synthGlobal(tier);
  const labels = { app: 'mockforge', cloud: 'gcp', 'managed-by': 'cdktf', region: 'global', tier };

  it('alerts when under 99 % of uptime checks pass over 10 minutes, through the tier’s channel', () => {
    const check = refAt(json, 'google_monitoring_uptime_check_config', 'availability/uptime-check', 'uptime_check_id');
    expect(bodiesOf(json, 'google_monitoring_alert_policy')).toEqual([
      {
        display_name: `mockforge-${tier} low_availability`,
        combiner: 'OR',
        severity: 'CRITICAL',
        conditions: [
          {
            display_name: 'Availability below 99 %',
            condition_threshold: {
              filter: `resource.type = "uptime_url" AND metric.type = "monitoring.googleapis.com/uptime_check/check_passed" AND metric.labels.check_id = "${check}"`,
              comparison: 'COMPARISON_LT',
              threshold_value: 0.99,
              duration: '0s',
              aggregations: [{ alignment_period: '600s', per_series_aligner: 'ALIGN_FRACTION_TRUE', cross_series_reducer: 'REDUCE_MEAN' }],
              trigger: { count: 1 },
            },
          },
        ],
        notification_channels: [refAt(json, 'google_monitoring_notification_channel', 'availability/email', 'name')],
        documentation: { content: 'Availability below 99 %', mime_type: 'text/markdown' },
        user_labels: labels,
      },
    ]);
  });

  it('checks /health/ready over HTTPS through the public name every minute', () => {
    expect(bodiesOf(json, 'google_monitoring_uptime_check_config')).toEqual([
      {
        display_name: `mockforge-${tier}-readiness`,
        period: '60s',
        timeout: '5s',
        http_check: { path: '/health/ready', port: 443, use_ssl: true, validate_ssl: true, request_method: 'GET' },
        monitored_resource: { type: 'uptime_url', labels: { host: HOSTNAMES[tier], project_id: 'mockforge-example' } },
        user_labels: labels,
      },
    ]);
  });

  it('notifies the on-call email', () => {
    expect(bodiesOf(json, 'google_monitoring_notification_channel')).toEqual([
      {
        type: 'email',
        display_name: `MockForge ${tier} availability`,
        labels: { email_address: 'oncall@example.com' },
        user_labels: labels,
      },
    ]);
  });
});
