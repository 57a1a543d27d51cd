import { defaultConfig, PolicyEngine, targetContext, type TierName } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsTarget } from '../target';

type Json = Record<string, any>;

/** Every stack of one tier, fully synthesized (cross-stack references resolved), by stack id. */
function synthTier(tier: TierName): Record<string, Json> {
  const app = Testing.app();
  const stacks = awsTarget.addStacks(
    app,
    targetContext(defaultConfig(['aws']), tier, 'aws'),
    new PolicyEngine(awsTarget.rules, { failOnError: false }),
  );
  app.synth();
  const read = (id: string) => JSON.parse(readFileSync(join(app.outdir, 'stacks', id, 'cdk.tf.json'), 'utf8')) as Json;
  return Object.fromEntries(stacks.map((s) => [s.node.id, read(s.node.id)]));
}

/** A resource's body without cdktf's construct metadata. */
const body = ({ '//': _metadata, ...rest }: Json): Json => rest;
/** Every resource body of a type, without metadata. */
const bodiesOf = (json: Json, type: string): Json[] => Object.values((json.resource?.[type] ?? {}) as Record<string, Json>).map(body);

/** `${<type>.<id>.<attribute>}` of the only resource of a type in a stack. */
function refOfOnly(json: Json, type: string, attribute: string): string {
  const ids = Object.keys(json.resource?.[type] ?? {});
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return `\${${type}.${ids[0]}.${attribute}}`;
}

/** `${<type>.<id>.<attribute>}` of the resource a construct path (below the stack) names. */
function refAt(json: Json, type: string, path: string, attribute: string): string {
  const ids = Object.entries(json.resource?.[type] ?? {})
    .filter(([, r]: [string, any]) => r['//'].metadata.path.endsWith(`/${path}`))
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one ${type} at ${path}, found ${ids.length}`);
  return `\${${type}.${ids[0]}.${attribute}}`;
}

/** Alarms of a stack by alarm name. */
const alarmsOf = (json: Json): Record<string, Json> =>
  Object.fromEntries(Object.values(json.resource?.aws_cloudwatch_metric_alarm ?? {}).map((a: any) => [a.alarm_name, body(a)]));

/** The regional alarms, written out from the hosting guide's alert table (no seed values read back). */
function expectedRegionalAlarms(tier: TierName, region: string, json: Json): Record<string, Json> {
  const topic = refAt(json, 'aws_sns_topic', 'alerts/topic', 'arn');
  const loadBalancer = refOfOnly(json, 'aws_lb', 'arn_suffix');
  const targetGroup = refOfOnly(json, 'aws_lb_target_group', 'arn_suffix');
  const notify = { alarm_actions: [topic], ok_actions: [topic] };
  const tags = { app: 'mockforge', cloud: 'aws', 'managed-by': 'cdktf', region, tier };
  const albMetric = (id: string, metricName: string) => ({
    id,
    return_data: false,
    metric: {
      namespace: 'AWS/ApplicationELB',
      metric_name: metricName,
      dimensions: { LoadBalancer: loadBalancer },
      period: 60,
      stat: 'Sum',
    },
  });
  const name = `mockforge-${tier}`;
  return {
    [`${name}-high_error_rate`]: {
      alarm_name: `${name}-high_error_rate`,
      alarm_description: 'critical: More than 5 % of requests fail with a server error',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 5,
      evaluation_periods: 5,
      datapoints_to_alarm: 5,
      treat_missing_data: 'notBreaching',
      metric_query: [
        albMetric('target5xx', 'HTTPCode_Target_5XX_Count'),
        albMetric('elb5xx', 'HTTPCode_ELB_5XX_Count'),
        albMetric('requests', 'RequestCount'),
        {
          id: 'error_rate',
          label: '5XX error rate (%)',
          return_data: true,
          expression: '100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests',
        },
      ],
      ...notify,
      tags,
    },
    [`${name}-high_latency`]: {
      alarm_name: `${name}-high_latency`,
      alarm_description: 'warning: p95 response time above 1000 ms',
      namespace: 'AWS/ApplicationELB',
      metric_name: 'TargetResponseTime',
      dimensions: { LoadBalancer: loadBalancer },
      extended_statistic: 'p95',
      comparison_operator: 'GreaterThanThreshold',
      // TargetResponseTime is in seconds.
      threshold: 1,
      period: 60,
      evaluation_periods: 5,
      datapoints_to_alarm: 5,
      treat_missing_data: 'notBreaching',
      ...notify,
      tags,
    },
    [`${name}-high_memory_usage`]: {
      alarm_name: `${name}-high_memory_usage`,
      alarm_description: 'warning: Memory use above 90 % of the limit',
      namespace: 'AWS/ECS',
      metric_name: 'MemoryUtilization',
      dimensions: { ClusterName: refOfOnly(json, 'aws_ecs_cluster', 'name'), ServiceName: refOfOnly(json, 'aws_ecs_service', 'name') },
      statistic: 'Maximum',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 90,
      period: 60,
      evaluation_periods: 5,
      datapoints_to_alarm: 5,
      treat_missing_data: 'missing',
      ...notify,
      tags,
    },
    [`${name}-no-healthy-targets`]: {
      alarm_name: `${name}-no-healthy-targets`,
      alarm_description: 'critical: no target passes /health/ready; Route 53 stops sending this region traffic',
      namespace: 'AWS/ApplicationELB',
      metric_name: 'HealthyHostCount',
      dimensions: { LoadBalancer: loadBalancer, TargetGroup: targetGroup },
      statistic: 'Minimum',
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      period: 60,
      evaluation_periods: 2,
      datapoints_to_alarm: 2,
      treat_missing_data: 'breaching',
      ...notify,
      tags,
    },
  };
}

const REGIONS: Readonly<Record<TierName, readonly string[]>> = {
  dev: ['us-east-1'],
  staging: ['us-east-1'],
  production: ['us-east-1', 'eu-west-1', 'ap-south-1'],
};

describe.each(['dev', 'staging', 'production'] as const)('regional alarms (%s)', (tier) => {
  const stacks = synthTier(tier);
  const regional = REGIONS[tier].map((region) => [region, stacks[`${tier}-aws-${region}`]!] as const);

  it('synthesizes one regional stack per configured region', () => {
    expect(Object.keys(stacks)).toEqual([...REGIONS[tier].map((region) => `${tier}-aws-${region}`), `${tier}-aws-global`]);
  });

  it.each(REGIONS[tier])('alarms on 5XX rate, p95 latency, memory and healthy targets in %s, exactly as the guide sets them', (region) => {
    const json = stacks[`${tier}-aws-${region}`]!;
    expect(alarmsOf(json)).toEqual(expectedRegionalAlarms(tier, region, json));
  });

  it('notifies the tier’s own encrypted alert topic in each region, with the on-call email subscribed', () => {
    for (const [region, json] of regional) {
      expect(bodiesOf(json, 'aws_sns_topic')).toEqual([
        {
          name: `mockforge-${tier}-alerts`,
          kms_master_key_id: refAt(json, 'aws_kms_key', 'encryption_key/key', 'arn'),
          tags: { app: 'mockforge', cloud: 'aws', 'managed-by': 'cdktf', region, tier },
        },
      ]);
      expect(bodiesOf(json, 'aws_sns_topic_subscription')).toEqual([
        { topic_arn: refOfOnly(json, 'aws_sns_topic', 'arn'), protocol: 'email', endpoint: 'oncall@example.com' },
      ]);
      expect(json.output.monitoring_alert_topic_arn.value).toBe(refOfOnly(json, 'aws_sns_topic', 'arn'));
    }
  });

  // Dev and staging (one region) reach their internal ALB through a CloudFront VPC origin: no origin records to fail over.
  const dnsFailover = tier === 'production';

  if (!dnsFailover)
    it('keeps no origin records or regional health checks behind a VPC origin', () => {
      const global = stacks[`${tier}-aws-global`]!;
      expect(Object.values(global.resource.aws_route53_health_check as Record<string, Json>).map((c) => c.type)).toEqual(['HTTPS']);
      expect(Object.values(global.resource.aws_route53_record as Record<string, Json>).map((r) => r.name)).not.toContain(
        expect.stringContaining('origin.'),
      );
      expect(global.output.dns_origin_name).toBeUndefined();
    });

  if (dnsFailover)
    it('takes a region out of DNS on its own "no healthy targets" alarm', () => {
      const global = stacks[`${tier}-aws-global`]!;
      const checks = Object.values(global.resource.aws_route53_health_check as Record<string, Json>).filter(
        (c) => c.type === 'CLOUDWATCH_METRIC',
      );
      expect(checks.map((c) => [c.cloudwatch_alarm_region, c.insufficient_data_health_status]).sort()).toEqual(
        REGIONS[tier].map((region) => [region, 'LastKnownStatus']).sort(),
      );
      for (const region of REGIONS[tier]) {
        const check = checks.find((c) => c.cloudwatch_alarm_region === region)!;
        expect(check.cloudwatch_alarm_name).toMatch(
          new RegExp(
            `^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${tier}-aws-${region}\\.outputs\\.[\\w-]*alarms_no_healthy_targets_\\w+alarm_name\\}$`,
          ),
        );
      }
    });
});

describe('regional alarms on EKS', () => {
  it('leaves the service alerts to the workload’s Prometheus rules: no CloudWatch alarm without an ECS service', () => {
    const base = defaultConfig(['aws']);
    const config = {
      ...base,
      tiers: { ...base.tiers, staging: { ...base.tiers.staging!, compute: { aws: 'eks' as const } } },
    };
    const app = Testing.app();
    const stacks = awsTarget.addStacks(
      app,
      targetContext(config, 'staging', 'aws'),
      new PolicyEngine(awsTarget.rules, { failOnError: false }),
    );
    const regional = stacks.find((s) => s.node.id === 'staging-aws-us-east-1')!;
    const json = JSON.parse(Testing.synth(regional, true)) as Json;
    expect(Object.keys(json.resource.aws_eks_cluster)).toHaveLength(1);
    expect(json.resource.aws_cloudwatch_metric_alarm).toBeUndefined();
  });
});
