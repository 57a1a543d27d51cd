import { defaultConfig, PolicyEngine, targetContext, type TierName } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsTarget } from '../target';

type Json = Record<string, any>;

/** The global stack of one tier, from a full app synthesis (it reads the regions' remote state). */
function synthGlobal(tier: TierName): Json {
  const app = Testing.app();
  const stacks = awsTarget.addStacks(
    app,
    targetContext(defaultConfig(['aws']), tier, 'aws'),
    new PolicyEngine(awsTarget.rules, { failOnError: false }),
  );
  app.synth();
  const id = stacks.find((s) => s.node.id === `${tier}-aws-global`)!.node.id;
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

describe.each(['dev', 'staging', 'production'] as const)('availability alarm (%s)', (tier) => {
  const json = synthGlobal(tier);
  const tags = { app: 'mockforge', cloud: 'aws', 'managed-by': 'cdktf', region: 'global', tier };

  it('fires when fewer than 99 % of the Route 53 checkers succeed for 10 minutes, and tells the tier’s global topic', () => {
    const topic = refAt(json, 'aws_sns_topic', 'alerts/topic', 'arn');
    expect(bodiesOf(json, 'aws_cloudwatch_metric_alarm')).toEqual([
      {
        alarm_name: `mockforge-${tier}-low_availability`,
        alarm_description: 'critical: Availability below 99 %',
        namespace: 'AWS/Route53',
        metric_name: 'HealthCheckPercentageHealthy',
        dimensions: { HealthCheckId: refAt(json, 'aws_route53_health_check', 'availability/health_check', 'id') },
        statistic: 'Average',
        comparison_operator: 'LessThanThreshold',
        threshold: 99,
        period: 60,
        evaluation_periods: 10,
        datapoints_to_alarm: 10,
        treat_missing_data: 'breaching',
        alarm_actions: [topic],
        ok_actions: [topic],
        tags,
      },
    ]);
  });

  it('checks /health/ready over HTTPS through the public name, like a user', () => {
    const check = Object.values(json.resource.aws_route53_health_check as Record<string, Json>).find((c) =>
      c['//'].metadata.path.endsWith('/availability/health_check'),
    )!;
    expect(body(check)).toEqual({
      type: 'HTTPS',
      fqdn: HOSTNAMES[tier],
      port: 443,
      resource_path: '/health/ready',
      request_interval: 30,
      failure_threshold: 3,
      enable_sni: true,
      measure_latency: true,
      tags: { Name: `${HOSTNAMES[tier]} availability`, ...tags },
    });
  });

  it('publishes to an encrypted global topic with the on-call email subscribed', () => {
    const topic = refAt(json, 'aws_sns_topic', 'alerts/topic', 'arn');
    expect(bodiesOf(json, 'aws_sns_topic')).toEqual([
      { name: `mockforge-${tier}-global-alerts`, kms_master_key_id: refAt(json, 'aws_kms_key', 'encryption_key/key', 'arn'), tags },
    ]);
    expect(bodiesOf(json, 'aws_sns_topic_subscription')).toEqual([{ topic_arn: topic, protocol: 'email', endpoint: 'oncall@example.com' }]);
  });
});
