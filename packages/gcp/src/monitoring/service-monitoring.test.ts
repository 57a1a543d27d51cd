import { defaultConfig, PolicyEngine, targetContext, type MockforgeConfig, type TierName } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gcpTarget } from '../target';

type Json = Record<string, any>;

/** Every stack of one tier, fully synthesized, by stack id. */
function synthTier(tier: TierName, config: MockforgeConfig = defaultConfig(['gcp'])): Record<string, Json> {
  const app = Testing.app();
  const stacks = gcpTarget.addStacks(app, targetContext(config, tier, 'gcp'), new PolicyEngine(gcpTarget.rules, { failOnError: false }));
  app.synth();
  const read = (id: string) => JSON.parse(readFileSync(join(app.outdir, 'stacks', id, 'cdk.tf.json'), 'utf8')) as Json;
  return Object.fromEntries(stacks.map((s) => [s.node.id, read(s.node.id)]));
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

const policiesOf = (json: Json): Record<string, Json> =>
  Object.fromEntries(Object.values(json.resource?.google_monitoring_alert_policy ?? {}).map((p: any) => [p.display_name, body(p)]));

/** The regional alert policies, written out from the hosting guide's alert table (no seed values read back). */
function expectedPolicies(tier: TierName, region: string, json: Json): Record<string, Json> {
  const service = refAt(json, 'google_cloud_run_v2_service', 'service/service', 'name');
  const channel = refAt(json, 'google_monitoring_notification_channel', 'monitoring/email', 'name');
  const labels = { app: 'mockforge', cloud: 'gcp', 'managed-by': 'cdktf', region, tier };
  const prefix = `mockforge-${tier}-${region}`;
  const requests = (extra: string) =>
    `run_googleapis_com:request_count{monitored_resource="cloud_run_revision",service_name="${service}"${extra}}`;
  const percentile = (description: string, metricType: string, aligner: string, threshold: number) => ({
    display_name: description,
    condition_threshold: {
      filter: `resource.type = "cloud_run_revision" AND resource.labels.service_name = "${service}" AND metric.type = "${metricType}"`,
      comparison: 'COMPARISON_GT',
      threshold_value: threshold,
      duration: '300s',
      aggregations: [
        {
          alignment_period: '60s',
          per_series_aligner: aligner,
          cross_series_reducer: 'REDUCE_MAX',
          group_by_fields: ['resource.labels.location'],
        },
      ],
      trigger: { count: 1 },
    },
  });
  const policy = (name: string, severity: string, description: string, condition: Json) => ({
    display_name: `${prefix} ${name}`,
    combiner: 'OR',
    severity,
    conditions: [condition],
    notification_channels: [channel],
    documentation: { content: description, mime_type: 'text/markdown' },
    user_labels: labels,
  });
  const errors = 'More than 5 % of requests fail with a server error';
  const latency = 'p95 response time above 1000 ms';
  const memory = 'Memory use above 90 % of the limit';
  return {
    [`${prefix} high_error_rate`]: policy('high_error_rate', 'CRITICAL', errors, {
      display_name: errors,
      condition_prometheus_query_language: {
        query: `sum(rate(${requests(',response_code_class="5xx"')}[300s])) / sum(rate(${requests('')}[300s])) > 0.05`,
        duration: '0s',
        evaluation_interval: '60s',
      },
    }),
    [`${prefix} high_latency`]: policy(
      'high_latency',
      'WARNING',
      latency,
      percentile(latency, 'run.googleapis.com/request_latencies', 'ALIGN_PERCENTILE_95', 1000),
    ),
    [`${prefix} high_memory_usage`]: policy(
      'high_memory_usage',
      'WARNING',
      memory,
      percentile(memory, 'run.googleapis.com/container/memory/utilizations', 'ALIGN_PERCENTILE_99', 0.9),
    ),
  };
}

const REGIONS: Readonly<Record<TierName, readonly string[]>> = {
  dev: ['us-central1'],
  staging: ['us-central1'],
  production: ['us-central1', 'europe-west1', 'asia-south1'],
};

describe.each(['dev', 'staging', 'production'] as const)('Cloud Run service alerts (%s)', (tier) => {
  const stacks = synthTier(tier);

  it('synthesizes one regional stack per configured region', () => {
    expect(Object.keys(stacks)).toEqual([...REGIONS[tier].map((region) => `${tier}-gcp-${region}`), `${tier}-gcp-global`]);
  });

  it.each(REGIONS[tier])('alerts on 5xx ratio, p95 latency and memory in %s, exactly as the guide sets them', (region) => {
    const json = stacks[`${tier}-gcp-${region}`]!;
    expect(policiesOf(json)).toEqual(expectedPolicies(tier, region, json));
  });

  it.each(REGIONS[tier])('notifies the on-call email through the region’s own channel in %s', (region) => {
    const json = stacks[`${tier}-gcp-${region}`]!;
    expect(bodiesOf(json, 'google_monitoring_notification_channel')).toEqual([
      {
        type: 'email',
        display_name: `MockForge ${tier} ${region}`,
        labels: { email_address: 'oncall@example.com' },
        user_labels: { app: 'mockforge', cloud: 'gcp', 'managed-by': 'cdktf', region, tier },
      },
    ]);
  });
});

describe('Cloud Run service alerts without an alert email', () => {
  it('still creates every policy, with no channel to notify', () => {
    const json = synthTier('staging', { ...defaultConfig(['gcp']), alerts: {} })['staging-gcp-us-central1']!;
    expect(json.resource.google_monitoring_notification_channel).toBeUndefined();
    const policies = Object.values(policiesOf(json));
    expect(policies.map((p) => [p.display_name, p.notification_channels])).toEqual([
      ['mockforge-staging-us-central1 high_error_rate', []],
      ['mockforge-staging-us-central1 high_latency', []],
      ['mockforge-staging-us-central1 high_memory_usage', []],
    ]);
  });
});
