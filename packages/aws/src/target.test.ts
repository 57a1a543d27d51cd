import {
  ALERTS,
  asPercent,
  CDN_PATHS,
  CDN_TTLS,
  defaultConfig,
  EDGE_RATE_LIMIT,
  LOG_RETENTION_DAYS,
  PolicyEngine,
  targetContext,
  type TierConfig,
  type TierName,
} from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SINGLE_ORIGIN_REASON } from './cdn/cloudfront-cdn';
import { awsTarget } from './target';

type Json = Record<string, any>;

function synthTier(tier: TierName, tierConfig: Partial<TierConfig> = {}): { stacks: Record<string, Json>; policy: PolicyEngine } {
  const policy = new PolicyEngine(awsTarget.rules, { failOnError: false });
  const app = Testing.app();
  const config = defaultConfig(['aws']);
  const configured = { ...config, tiers: { ...config.tiers, [tier]: { ...config.tiers[tier], ...tierConfig } } };
  const stacks = awsTarget.addStacks(app, targetContext(configured, tier, 'aws'), policy);
  // A full app synthesis resolves cross-stack references into remote-state lookups.
  app.synth();
  const read = (name: string) => JSON.parse(readFileSync(join(app.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Json;
  return { stacks: Object.fromEntries(stacks.map((s) => [s.node.id, read(s.node.id)])), policy };
}

const all = (json: Json, type: string): Json[] => Object.values(json.resource?.[type] ?? {});
const entries = (json: Json, type: string): [string, Json][] => Object.entries(json.resource?.[type] ?? {});
/** The region of a stack's default (unaliased) provider. */
const regionOf = (json: Json): string => (json.provider.aws as Json[]).find((p) => !p.alias)!.region;

const synthesized = new Map<TierName, ReturnType<typeof synthTier>>();
/** One synthesis per tier, shared by the describe blocks that read it. */
function tierOutput(tier: TierName): ReturnType<typeof synthTier> {
  if (!synthesized.has(tier)) synthesized.set(tier, synthTier(tier));
  return synthesized.get(tier)!;
}

describe('awsTarget (production, default config)', () => {
  const { stacks, policy } = tierOutput('production');
  const global = stacks['production-aws-global']!;

  it('lays out one stack per region plus the global stack', () => {
    expect(Object.keys(stacks)).toEqual([
      'production-aws-us-east-1',
      'production-aws-eu-west-1',
      'production-aws-ap-south-1',
      'production-aws-global',
    ]);
  });

  it('has zero unsuppressed findings, and suppressions only with written reasons', () => {
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
    const ids = [...new Set(policy.findings.map((f) => f.ruleId))].sort();
    expect(ids).toEqual([
      'AWS-0053',
      'CKV2_AWS_57',
      'CKV_AWS_144',
      'CKV_AWS_145',
      // The access-log buckets do not log their own access.
      'CKV_AWS_18',
      'CKV_AWS_260',
      // Global Datastore secondaries inherit encryption from the primary.
      'CKV_AWS_29',
      'CKV_AWS_30',
      'CKV_AWS_31',
      'CKV_AWS_378',
      'CKV_AWS_382',
    ]);
  });

  it('replicates the database and cache from the primary region', () => {
    const replica = all(stacks['production-aws-eu-west-1']!, 'aws_db_instance')[0]!;
    expect(replica.replicate_source_db).toMatch(/cross-stack-reference-input-production-aws-us-east-1/);
    expect(replica.engine).toBeUndefined();
    const cache = all(stacks['production-aws-ap-south-1']!, 'aws_elasticache_replication_group')[0]!;
    expect(cache.global_replication_group_id).toMatch(/cross-stack-reference-input-production-aws-us-east-1/);
  });

  it('peers every pair of regions once, from the later stack, accepted in the earlier region', () => {
    const peerings = (region: string) =>
      entries(stacks[`production-aws-${region}`]!, 'aws_vpc_peering_connection').map(([name, p]) => [
        name.split('_connection_')[0],
        p.peer_region,
      ]);
    const accepters = (region: string) =>
      all(stacks[`production-aws-${region}`]!, 'aws_vpc_peering_connection_accepter').map((a) => a.region);
    expect(peerings('us-east-1')).toEqual([]);
    expect(peerings('eu-west-1')).toEqual([['peering_us-east-1', 'us-east-1']]);
    expect(peerings('ap-south-1').sort()).toEqual([
      ['peering_eu-west-1', 'eu-west-1'],
      ['peering_us-east-1', 'us-east-1'],
    ]);
    expect(accepters('ap-south-1').sort()).toEqual(['eu-west-1', 'us-east-1']);
    const euVpc = all(stacks['production-aws-ap-south-1']!, 'aws_vpc_peering_connection').find((p) => p.peer_region === 'eu-west-1')!;
    expect(euVpc.peer_vpc_id).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-production-aws-eu-west-1\.outputs\./);
  });

  it("gives every Global Datastore member its own password user and user group, and every region the primary's REDIS_URL", () => {
    for (const region of ['us-east-1', 'eu-west-1', 'ap-south-1']) {
      const json = stacks[`production-aws-${region}`]!;
      const group = all(json, 'aws_elasticache_user_group')[0]!;
      expect(group.user_ids).toContainEqual(
        expect.stringMatching(/^\$\{aws_elasticache_user\.cache_users_app_password_user_\w+\.user_id\}$/),
      );
      expect(all(json, 'aws_elasticache_replication_group')[0]!.user_group_ids).toEqual([
        expect.stringContaining('aws_elasticache_user_group.cache_users_group_'),
      ]);
      const version = all(json, 'aws_secretsmanager_secret_version').find((v) => v.secret_id.includes('secrets_redis_url'))!;
      // The primary's URL names its own endpoint and generated password; a secondary's group is
      // read-only, so its region copies the primary's secret (read by ARN, never a password across stacks).
      expect(version.secret_string).toMatch(
        region === 'us-east-1'
          ? /^rediss:\/\/\$\{aws_elasticache_user\.\w+\.user_name\}:\$\{data\.aws_secretsmanager_random_password\.\w+\.random_password\}@\$\{aws_elasticache_replication_group\.\w+\.configuration_endpoint_address\}:6379$/
          : /^\$\{data\.aws_secretsmanager_secret_version\.primary_redis_url_current_\w+\.secret_string\}$/,
      );
      expect(version.lifecycle).toEqual({ ignore_changes: ['secret_string'], prevent_destroy: true });
    }
  });

  it("generates the tier's credentials once, in the primary; every region writes five secrets, the secondaries from the primary's", () => {
    const generators = Object.entries(stacks).flatMap(([name, json]) => Object.keys(json.resource?.terraform_data ?? {}).map(() => name));
    expect(generators).toEqual(['production-aws-us-east-1']);
    for (const region of ['eu-west-1', 'ap-south-1']) {
      const versions = all(stacks[`production-aws-${region}`]!, 'aws_secretsmanager_secret_version');
      expect(
        versions
          .map((v) => /^\$\{data\.aws_secretsmanager_secret_version\.primary_(\w+)_current_\w+\.secret_string\}$/.exec(v.secret_string)![1])
          .sort(),
      ).toEqual(['database_url', 'mockforge_admin_jwt_secret', 'mockforge_admin_password', 'mockforge_admin_username', 'redis_url']);
    }
  });

  it('puts CloudFront in front: HTTPS only, TLS 1.2 2021, WAF, logs, HSTS and origin failover', () => {
    const cdn = all(global, 'aws_cloudfront_distribution')[0]!;
    expect(cdn.viewer_certificate.minimum_protocol_version).toBe('TLSv1.2_2021');
    expect(cdn.default_cache_behavior).toMatchObject({
      viewer_protocol_policy: 'redirect-to-https',
      cache_policy_id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
    });
    expect(cdn.origin.every((o: Json) => o.custom_origin_config.origin_protocol_policy === 'https-only')).toBe(true);
    expect(cdn.origin_group[0].member).toHaveLength(2);
    expect(cdn.web_acl_id).toMatch(/aws_wafv2_web_acl/);
    expect(all(global, 'aws_wafv2_web_acl')[0]!.scope).toBe('CLOUDFRONT');
    expect(cdn.logging_config.bucket).toBe('${aws_s3_bucket.cdn_logs_bucket_B7ED4066.bucket_domain_name}');
    expect(cdn.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_ownership_controls\.cdn_logs_ownership_\w+$/)]);
    expect(
      all(global, 'aws_cloudfront_response_headers_policy')[0]!.security_headers_config.strict_transport_security
        .access_control_max_age_sec,
    ).toBe(31536000);
  });

  it("limits each viewer IP to the seed's edge rate in CloudFront's ACL, and nowhere behind it", () => {
    const acl = all(global, 'aws_wafv2_web_acl')[0]!;
    expect(acl.scope).toBe('CLOUDFRONT');
    const rate = (JSON.parse(acl.rule_json) as Json[]).find((r) => r.Statement.RateBasedStatement)!.Statement.RateBasedStatement;
    expect(rate).toEqual({ Limit: EDGE_RATE_LIMIT.requestsPerMinutePerIp, EvaluationWindowSec: 60, AggregateKeyType: 'IP' });
    expect(rate.Limit).toBe(600);
    for (const region of ['us-east-1', 'eu-west-1', 'ap-south-1']) {
      const regional = all(stacks[`production-aws-${region}`]!, 'aws_wafv2_web_acl');
      expect(regional.map((a) => [a.scope, String(a.rule_json).includes('RateBasedStatement')])).toEqual([['REGIONAL', false]]);
    }
  });

  it('caches assets 24 h and configs 1 h', () => {
    const ttls = Object.fromEntries(
      all(global, 'aws_cloudfront_cache_policy').map((p) => [String(p.name).split('-').pop(), p.default_ttl]),
    );
    expect(ttls).toEqual({ assets: CDN_TTLS.assetsSeconds, configs: CDN_TTLS.configsSeconds });
    expect(ttls).toEqual({ assets: 86400, configs: 3600 });
  });

  it('routes NA, EU and AS (and the default) to their regions through failover pairs behind health checks', () => {
    const records = all(global, 'aws_route53_record');
    const geo = records.filter((r) => r.geolocation_routing_policy);
    const routes = Object.fromEntries(
      geo.map((r) => [r.geolocation_routing_policy.continent ?? r.geolocation_routing_policy.country, r.alias.name]),
    );
    expect(routes).toEqual({
      NA: 'us-east-1.failover.origin.mocks.example.com',
      EU: 'eu-west-1.failover.origin.mocks.example.com',
      AS: 'ap-south-1.failover.origin.mocks.example.com',
      '*': 'us-east-1.failover.origin.mocks.example.com',
    });
    expect(geo.every((r) => r.alias.evaluate_target_health === true && r.alias.zone_id === r.zone_id)).toBe(true);
    const next = { 'us-east-1': 'eu-west-1', 'eu-west-1': 'ap-south-1', 'ap-south-1': 'us-east-1' } as Record<string, string>;
    for (const [region, backup] of Object.entries(next)) {
      const pair = Object.fromEntries(
        records.filter((r) => r.name === `${region}.failover.origin.mocks.example.com`).map((r) => [r.failover_routing_policy.type, r]),
      );
      expect(pair.PRIMARY.alias.name).toMatch(new RegExp(`production-aws-${region}`));
      expect(pair.SECONDARY.alias.name).toMatch(new RegExp(`production-aws-${backup}`));
      for (const side of [pair.PRIMARY, pair.SECONDARY]) {
        expect(side.health_check_id).toMatch(/aws_route53_health_check/);
        expect(side.alias.evaluate_target_health).toBe(true);
      }
      expect(pair.PRIMARY.health_check_id).not.toBe(pair.SECONDARY.health_check_id);
    }
  });

  it('alarms when availability drops below 99 % for 10 minutes', () => {
    const alarm = all(global, 'aws_cloudwatch_metric_alarm')[0]!;
    expect(alarm).toMatchObject({
      metric_name: 'HealthCheckPercentageHealthy',
      threshold: 99,
      evaluation_periods: 10,
      comparison_operator: 'LessThanThreshold',
    });
    expect(alarm.threshold).toBe(asPercent(ALERTS.lowAvailability));
    expect(all(global, 'aws_route53_health_check').find((h) => h.type === 'HTTPS')).toMatchObject({
      resource_path: '/health/ready',
      port: 443,
    });
  });

  it('keeps config versioned and encrypted, backed up daily for 90 days into a locked vault', () => {
    const sse = all(global, 'aws_s3_bucket_server_side_encryption_configuration').map(
      (c) => c.rule[0].apply_server_side_encryption_by_default.sse_algorithm,
    );
    expect(sse).toContain('aws:kms');
    const plan = all(global, 'aws_backup_plan')[0]!;
    expect(plan.rule[0]).toMatchObject({ schedule: 'cron(0 0 * * ? *)', lifecycle: { delete_after: 90 } });
    expect(all(global, 'aws_backup_vault_lock_configuration')).toHaveLength(2);
  });

  it('logs every web ACL, credentials redacted, to an encrypted aws-waf-logs- group in its region, kept a year', () => {
    for (const json of Object.values(stacks)) {
      const region = regionOf(json);
      const [[aclId, acl]] = entries(json, 'aws_wafv2_web_acl') as [[string, Json]];
      const [[policyId, resourcePolicy]] = entries(json, 'aws_cloudwatch_log_resource_policy') as [[string, Json]];
      const [logging] = all(json, 'aws_wafv2_web_acl_logging_configuration');
      expect(logging).toMatchObject({
        resource_arn: `\${aws_wafv2_web_acl.${aclId}.arn}`,
        redacted_fields: [{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }],
        depends_on: [`aws_cloudwatch_log_resource_policy.${policyId}`],
      });
      const groupId = /^\$\{aws_cloudwatch_log_group\.(\w+)\.arn\}$/.exec(logging!.log_destination_configs[0])![1]!;
      expect(json.resource.aws_cloudwatch_log_group[groupId]).toMatchObject({
        name: `aws-waf-logs-${acl.name}`,
        retention_in_days: LOG_RETENTION_DAYS,
        kms_key_id: '${aws_kms_key.encryption_key_0F00DADF.arn}',
      });
      // Log delivery may write only to this stack's WAF log group, for this account, from this region.
      expect(JSON.parse(resourcePolicy.policy_document).Statement).toEqual([
        expect.objectContaining({
          Principal: { Service: 'delivery.logs.amazonaws.com' },
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [`\${aws_cloudwatch_log_group.${groupId}.arn}:*`],
          Condition: {
            StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.caller_identity.account_id}' },
            ArnLike: {
              'aws:SourceArn': `arn:\${data.aws_partition.partition.partition}:logs:${region}:\${data.aws_caller_identity.caller_identity.account_id}:*`,
            },
          },
        }),
      ]);
      // The stack key lets CloudWatch Logs of the same region encrypt the group.
      const key = JSON.parse(json.resource.aws_kms_key.encryption_key_0F00DADF.policy).Statement.find(
        (s: Json) => s.Sid === 'CloudWatchLogs',
      );
      expect(key.Principal).toEqual({ Service: `logs.${region}.amazonaws.com` });
    }
    expect(regionOf(global)).toBe('us-east-1');
    expect(all(global, 'aws_wafv2_web_acl')[0]!.scope).toBe('CLOUDFRONT');
  });

  it("logs the config bucket's access into the CloudFront log bucket, which only S3 logging of that bucket may write to", () => {
    expect(all(global, 'aws_s3_bucket_logging')).toEqual([
      expect.objectContaining({
        bucket: '${aws_s3_bucket.config_bucket_DF2978D9.id}',
        target_bucket: '${aws_s3_bucket.cdn_logs_bucket_B7ED4066.id}',
        target_prefix: 's3-access/config/',
        depends_on: ['aws_s3_bucket_policy.cdn_logs_policy_A22AB52F'],
      }),
    ]);
    const logsPolicy = JSON.parse(global.resource.aws_s3_bucket_policy.cdn_logs_policy_A22AB52F.policy);
    expect(logsPolicy.Statement.filter((s: Json) => s.Effect === 'Allow')).toEqual([
      {
        Sid: 'S3ServerAccessLogs1',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: '${aws_s3_bucket.cdn_logs_bucket_B7ED4066.arn}/s3-access/config/*',
        Condition: {
          ArnLike: { 'aws:SourceArn': '${aws_s3_bucket.config_bucket_DF2978D9.arn}' },
          StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.caller_identity.account_id}' },
        },
      },
    ]);
    // The access-log buckets themselves record why they do not log their own access.
    const exempt = policy.findings.filter((f) => f.ruleId === 'CKV_AWS_18');
    expect(exempt.every((f) => f.suppressedBecause)).toBe(true);
    expect([...new Set(exempt.map((f) => f.address))].sort()).toEqual([
      'aws_s3_bucket.cdn_logs_bucket_B7ED4066',
      'aws_s3_bucket.load_balancer_access_logs_bucket_F33FF514',
    ]);
  });

  it('synthesizes byte-identical output twice', () => {
    const again = synthTier('production').stacks;
    expect(JSON.stringify(again)).toEqual(JSON.stringify(stacks));
  });
});

describe('awsTarget (staging)', () => {
  const { stacks, policy } = tierOutput('staging');

  it('runs single-zone data in 2 AZs with 7-day database backups, each relaxation suppressed with the zonal-data reason', () => {
    const region = stacks['staging-aws-us-east-1']!;
    expect(all(region, 'aws_subnet')).toHaveLength(6);
    expect(all(region, 'aws_db_instance')[0]).toMatchObject({ multi_az: false, backup_retention_period: 7, deletion_protection: true });
    expect(all(region, 'aws_elasticache_replication_group')[0]).toMatchObject({
      automatic_failover_enabled: false,
      multi_az_enabled: false,
      num_cache_clusters: 1,
    });
    const profile = targetContext(defaultConfig(['aws']), 'staging', 'aws').profile;
    const reason = profile.exemptions.find((e) => e.what === 'zonal-data')!.reason;
    expect(
      policy.findings
        .filter((f) => f.suppressedBecause === reason)
        .map((f) => f.ruleId)
        .sort(),
    ).toEqual(['CKV2_AWS_50', 'CKV_AWS_157']);
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });

  it('restores failover replicas with tiers.staging.zoneRedundantData', () => {
    const region = synthTier('staging', { zoneRedundantData: true }).stacks['staging-aws-us-east-1']!;
    expect(all(region, 'aws_db_instance')[0]).toMatchObject({ multi_az: true });
    expect(all(region, 'aws_elasticache_replication_group')[0]).toMatchObject({ automatic_failover_enabled: true, num_cache_clusters: 2 });
  });
});

describe('awsTarget (dev)', () => {
  const { stacks, policy } = tierOutput('dev');

  it("reaches the region's internal ALB through its one VPC origin, by a name its certificate covers, with no origin group", () => {
    const cdn = all(stacks['dev-aws-global']!, 'aws_cloudfront_distribution')[0]!;
    const region = stacks['dev-aws-us-east-1']!;
    const [originAddress] = Object.keys(region.resource.aws_cloudfront_vpc_origin);
    const remote = expect.stringMatching(new RegExp(`cross-stack-output-aws_cloudfront_vpc_origin${originAddress}id\\}$`));
    expect(cdn.origin).toEqual([
      { origin_id: 'geo-origin', domain_name: 'origin.dev.mocks.example.com', vpc_origin_config: { vpc_origin_id: remote } },
    ]);
    // A group of the same VPC origin twice would fail over to the origin that failed.
    expect(cdn.origin_group).toBeUndefined();
    const cachedPaths = [...CDN_PATHS.assets, ...CDN_PATHS.configs];
    expect(cdn.ordered_cache_behavior.map((b: Json) => [b.path_pattern, b.target_origin_id])).toEqual(
      cachedPaths.map((p) => [p, 'geo-origin']),
    );
    expect(policy.findings.find((f) => f.ruleId === 'CKV_AWS_310')?.suppressedBecause).toBe(SINGLE_ORIGIN_REASON);
    const certificate = all(region, 'aws_acm_certificate')[0]!;
    expect([certificate.domain_name, ...certificate.subject_alternative_names]).toEqual([
      'us-east-1.origin.dev.mocks.example.com',
      'origin.dev.mocks.example.com',
    ]);
    // One web ACL for the tier: CloudFront's.
    expect(Object.values(stacks).flatMap((json) => all(json, 'aws_wafv2_web_acl').map((acl) => acl.scope))).toEqual(['CLOUDFRONT']);
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});

describe('awsTarget hostnames', () => {
  const tiers = ['dev', 'staging', 'production'] as const;
  const names = Object.fromEntries(
    tiers.map((tier) => {
      const { stacks } = tierOutput(tier);
      const cdn = all(stacks[`${tier}-aws-global`]!, 'aws_cloudfront_distribution')[0]!;
      const zone = all(stacks[`${tier}-aws-us-east-1`]!, 'aws_route53_zone')[0]!;
      return [tier, { aliases: cdn.aliases as string[], zone: zone.name as string }];
    }),
  );

  it('gives each tier its own CloudFront alias and hosted zone: the tier hostname (single cloud: no cloud label)', () => {
    for (const tier of tiers) {
      const { hostname } = targetContext(defaultConfig(['aws']), tier, 'aws');
      expect(names[tier]).toEqual({ aliases: [hostname], zone: hostname });
    }
    expect(names).toEqual({
      dev: { aliases: ['dev.mocks.example.com'], zone: 'dev.mocks.example.com' },
      staging: { aliases: ['staging.mocks.example.com'], zone: 'staging.mocks.example.com' },
      production: { aliases: ['mocks.example.com'], zone: 'mocks.example.com' },
    });
  });

  it('names each WAF log resource policy uniquely per account and region, one per stack with a web ACL', () => {
    const policies = tiers.flatMap((tier) =>
      Object.values(tierOutput(tier).stacks).flatMap((json) => {
        const found = all(json, 'aws_cloudwatch_log_resource_policy');
        expect(found).toHaveLength(all(json, 'aws_wafv2_web_acl').length > 0 ? 1 : 0);
        return found.map((policy) => `${regionOf(json)}/${policy.policy_name}`);
      }),
    );
    expect(new Set(policies).size).toBe(policies.length);
    // Dev and staging regions have an internal ALB behind a VPC origin, so no web ACL and no policy.
    expect(policies.filter((p) => p.startsWith('us-east-1/')).sort()).toEqual([
      'us-east-1/mockforge-dev-global-waf-logs',
      'us-east-1/mockforge-production-global-waf-logs',
      'us-east-1/mockforge-production-us-east-1-waf-logs',
      'us-east-1/mockforge-staging-global-waf-logs',
    ]);
  });

  it('never shares an alias or a zone name between tiers', () => {
    const aliases = tiers.flatMap((tier) => names[tier]!.aliases);
    const zones = tiers.map((tier) => names[tier]!.zone);
    expect(new Set(aliases).size).toBe(aliases.length);
    expect(new Set(zones).size).toBe(zones.length);
  });
});
