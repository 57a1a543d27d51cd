import {
  ALERTS,
  asPercent,
  BACKUPS,
  defaultConfig,
  KNOWN_REGIONS,
  LOG_RETENTION_DAYS,
  PolicyEngine,
  PORTS,
  PUBLIC_PORTS,
  REDIS_PORT,
  REQUEST_SCALING,
  TARGET_HEALTH,
  targetContext,
  type TierName,
} from '@mockforge-infra/core';
import { TerraformOutput, Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GLOBAL_SECONDARY_ENCRYPTION } from '../cache/redis-replication-group';
import { MASTER_USERNAME } from '../database/postgres-instance';
import { awsRules } from '../rules';
import { AWS_UNSUPPORTED_ZONE_IDS } from '../sizing';
import { publicTaskReason } from './ecs-compute';
import { AwsRegionalStack } from './regional-stack';

type Json = Record<string, any>;

function synthRegion(tier: TierName, region = 'us-east-1'): { json: Json; policy: PolicyEngine } {
  const context = targetContext(defaultConfig(['aws']), tier, 'aws');
  const policy = new PolicyEngine(awsRules, { failOnError: false });
  const stack = new AwsRegionalStack(Testing.app(), { context, region, policy });
  return { json: JSON.parse(Testing.synth(stack, true)) as Json, policy };
}

const all = (json: Json, type: string): Json[] => Object.values(json.resource[type] ?? {});
const one = (json: Json, type: string): Json => {
  const found = all(json, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]!;
};

describe('AwsRegionalStack (production primary)', () => {
  const { json, policy } = synthRegion('production');

  it('has no unsuppressed findings', () => {
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });

  it('spreads three subnet tiers over 3 AZs with a NAT per AZ and no public IPs', () => {
    expect(all(json, 'aws_subnet')).toHaveLength(9);
    expect(all(json, 'aws_nat_gateway')).toHaveLength(3);
    expect(all(json, 'aws_subnet').every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    expect(one(json, 'aws_vpc').cidr_block).toBe('10.48.0.0/16');
    expect(one(json, 'aws_default_security_group')).toMatchObject({ ingress: [], egress: [] });
    expect(one(json, 'aws_flow_log').traffic_type).toBe('ALL');
  });

  it('adds interface endpoints for ECR, Logs and Secrets Manager beside the S3 gateway', () => {
    const services = all(json, 'aws_vpc_endpoint').map((e) => String(e.service_name).split('.').slice(3).join('.'));
    expect(services.sort()).toEqual(['ecr.api', 'ecr.dkr', 'logs', 's3', 'secretsmanager']);
  });

  it('expresses the network policy with described rules', () => {
    const ingress = all(json, 'aws_vpc_security_group_ingress_rule').filter((r) => !String(r.description).endsWith('over VPC peering'));
    expect(ingress.map((r) => [r.from_port, r.description]).sort()).toEqual([
      [3000, 'Mock traffic from the load balancer only'],
      [443, 'HTTPS from CloudFront origin-facing servers only'],
      [443, 'HTTPS to AWS APIs from inside the VPC'],
      [5432, 'PostgreSQL from the app only'],
      [6379, 'Redis from the app only'],
      [80, 'HTTP from anywhere, answered with a 301 to HTTPS'],
      [9080, 'Admin API from the private network only'],
      [9090, 'Prometheus scrape from the private network only'],
    ]);
    const fromAnywhere = ingress.filter((r) => r.cidr_ipv4 === '0.0.0.0/0').map((r) => r.from_port);
    expect(fromAnywhere).toEqual([80]);
    const internal = ingress
      .filter((r) => r.cidr_ipv4 === '10.0.0.0/8')
      .map((r) => r.from_port)
      .sort();
    expect(internal).toEqual([9080, 9090]);
    expect(ingress.find((r) => r.from_port === 3000)!.referenced_security_group_id).toMatch(
      /aws_security_group\.security_groups_load_balancer/,
    );
    expect(ingress.filter((r) => r.prefix_list_id).map((r) => [r.from_port, r.prefix_list_id])).toEqual([
      [443, expect.stringMatching(/data\.aws_ec2_managed_prefix_list/)],
    ]);
  });

  it("admits only the other regions' private subnets to PostgreSQL and Redis, over VPC peering", () => {
    const groups = json.resource.aws_security_group as Record<string, Json>;
    const peered = all(json, 'aws_vpc_security_group_ingress_rule')
      .filter((r) => String(r.description).endsWith('over VPC peering'))
      .map((r) => [groups[/aws_security_group\.(\w+)\.id/.exec(r.security_group_id)![1]!]!.name, r.from_port, r.to_port, r.cidr_ipv4]);
    const expected = (cidrs: string[]) =>
      cidrs.flatMap((cidr) => [
        ['mockforge-production-postgres', 5432, 5432, cidr],
        ['mockforge-production-redis', 6379, 6379, cidr],
      ]);
    const byCidr = (a: unknown[], b: unknown[]) => `${a[3]}${a[0]}`.localeCompare(`${b[3]}${b[0]}`);
    expect(peered.sort(byCidr)).toEqual(
      expected(['10.49.64.0/20', '10.49.80.0/20', '10.49.96.0/20', '10.50.64.0/20', '10.50.80.0/20', '10.50.96.0/20']).sort(byCidr),
    );
    // The primary requests no peering: each secondary's stack does.
    expect(json.resource.aws_vpc_peering_connection).toBeUndefined();
  });

  it('terminates TLS 1.3/1.2 on the ALB and redirects HTTP with a 301', () => {
    const listeners = all(json, 'aws_lb_listener');
    expect(listeners.find((l) => l.port === 443)).toMatchObject({ protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    expect(listeners.find((l) => l.port === 80)!.default_action[0].redirect).toMatchObject({ protocol: 'HTTPS', status_code: 'HTTP_301' });
    expect(one(json, 'aws_lb')).toMatchObject({
      internal: false,
      drop_invalid_header_fields: true,
      desync_mitigation_mode: 'strictest',
      enable_deletion_protection: true,
    });
    expect(one(json, 'aws_lb').access_logs.enabled).toBe(true);
    expect(all(json, 'aws_wafv2_web_acl_association')).toHaveLength(1);
    expect(
      all(json, 'aws_lb_listener')
        .map((l) => l.port)
        .sort(),
    ).toEqual([PUBLIC_PORTS.http, PUBLIC_PORTS.https].sort());
  });

  it('keeps the managed rule groups on the ALB but no per-IP rate limit: behind CloudFront every source is an edge server', () => {
    const acl = one(json, 'aws_wafv2_web_acl');
    expect(acl.scope).toBe('REGIONAL');
    const rules = JSON.parse(acl.rule_json) as Json[];
    expect(rules.flatMap((r) => r.Statement.ManagedRuleGroupStatement?.Name ?? [])).toEqual([
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesSQLiRuleSet',
    ]);
    expect(acl.rule_json).not.toContain('RateBasedStatement');
  });

  it('keeps ALB access logs for the log retention, and old versions 30 days', () => {
    const lifecycle = one(json, 'aws_s3_bucket_lifecycle_configuration').rule[0];
    expect(lifecycle.expiration[0].days).toBe(LOG_RETENTION_DAYS);
    expect(lifecycle).toMatchObject({ expiration: [{ days: 365 }], noncurrent_version_expiration: [{ noncurrent_days: 30 }] });
  });

  it('states the real egress of the tasks when it suppresses CKV_AWS_382', () => {
    const reasons = [...new Set(policy.findings.filter((f) => f.ruleId === 'CKV_AWS_382').map((f) => f.suppressedBecause))];
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/ports 443\/80 only/);
    for (const egress of ['public.ecr.aws', 'X-Ray', 'OTLP', 'webhooks', 'OpenAPI']) expect(reasons[0]).toContain(egress);
  });

  it('checks targets on /health/ready every 30 s (5 s timeout, 2 healthy, 3 unhealthy), without stickiness', () => {
    const tg = one(json, 'aws_lb_target_group');
    expect(tg).toMatchObject({ port: 3000, protocol: 'HTTP', target_type: 'ip', load_balancing_algorithm_type: 'round_robin' });
    expect(tg.health_check).toMatchObject({
      path: '/health/ready',
      interval: 30,
      timeout: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
    });
    expect(tg.health_check).toMatchObject({
      path: TARGET_HEALTH.path,
      interval: TARGET_HEALTH.intervalSeconds,
      timeout: TARGET_HEALTH.timeoutSeconds,
    });
    expect(tg.stickiness.enabled).toBe(false);
  });

  it('runs a medium Fargate task in private subnets with rollback', () => {
    const task = one(json, 'aws_ecs_task_definition');
    expect([task.cpu, task.memory]).toEqual(['4096', '8192']);
    expect(task.execution_role_arn).not.toEqual(task.task_role_arn);
    const service = one(json, 'aws_ecs_service');
    expect(service.network_configuration.assign_public_ip).toBe(false);
    expect(service.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    expect(service.capacity_provider_strategy).toEqual([{ capacity_provider: 'FARGATE', weight: 1 }]);
    expect(service.platform_version).toBe('LATEST');
    expect(service.load_balancer[0]).toMatchObject({ container_name: 'mockforge', container_port: PORTS.http });
    expect(service.load_balancer[0].container_port).toBe(3000);
    expect(one(json, 'aws_ecs_cluster').setting).toEqual([{ name: 'containerInsights', value: 'enhanced' }]);
  });

  it('ignores target health for the startup budget plus the failed checks that mark a target unhealthy', () => {
    const grace = one(json, 'aws_ecs_service').health_check_grace_period_seconds;
    expect(grace).toBe(150);
  });

  it('creates the service after the capacity providers are attached, the HTTPS listener exists and every secret has its value', () => {
    expect([...one(json, 'aws_ecs_service').depends_on].sort()).toEqual([
      expect.stringMatching(/^aws_ecs_cluster_capacity_providers\.cluster_capacity_providers_\w+$/),
      expect.stringMatching(/^aws_lb_listener\.load_balancer_https_\w+$/),
      expect.stringMatching(/^aws_secretsmanager_secret_version\.cache_connection_url_version_\w+$/),
      expect.stringMatching(/^aws_secretsmanager_secret_version\.database_connection_url_version_\w+$/),
      expect.stringMatching(/^aws_secretsmanager_secret_version\.mockforge_admin_jwt_secret_version_\w+$/),
      expect.stringMatching(/^aws_secretsmanager_secret_version\.mockforge_admin_password_version_\w+$/),
      expect.stringMatching(/^aws_secretsmanager_secret_version\.mockforge_admin_username_version_\w+$/),
    ]);
  });

  it('turns ECS Exec off (the root filesystem is read-only) but still logs cluster exec sessions', () => {
    const service = one(json, 'aws_ecs_service');
    expect(service.enable_execute_command).toBe(false);
    expect(JSON.parse(one(json, 'aws_ecs_task_definition').container_definitions)[0].readonlyRootFilesystem).toBe(true);
    expect(JSON.stringify(json.resource)).not.toContain('ssmmessages');
    expect(one(json, 'aws_ecs_cluster').configuration.execute_command_configuration).toMatchObject({
      logging: 'OVERRIDE',
      log_configuration: { cloud_watch_encryption_enabled: true },
    });
  });

  it('scales 5-50 tasks on CPU 70, memory 80 and 1000 requests per target per minute', () => {
    expect(one(json, 'aws_appautoscaling_target')).toMatchObject({ min_capacity: 5, max_capacity: 50 });
    const targets = Object.fromEntries(
      all(json, 'aws_appautoscaling_policy').map((p) => [
        p.target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type,
        p.target_tracking_scaling_policy_configuration,
      ]),
    );
    expect(targets.ECSServiceAverageCPUUtilization).toMatchObject({ target_value: 70, scale_out_cooldown: 120, scale_in_cooldown: 300 });
    expect(targets.ECSServiceAverageMemoryUtilization.target_value).toBe(80);
    expect(targets.ALBRequestCountPerTarget.target_value).toBe(REQUEST_SCALING.scaleUpPerMinute);
    expect(targets.ALBRequestCountPerTarget.target_value).toBe(1000);
  });

  it('runs PostgreSQL Multi-AZ, encrypted, TLS-only, with 30-day backups from 02:00 and prevent_destroy', () => {
    const db = one(json, 'aws_db_instance');
    expect(db).toMatchObject({
      engine: 'postgres',
      multi_az: true,
      storage_encrypted: true,
      publicly_accessible: false,
      iam_database_authentication_enabled: true,
      backup_retention_period: 30,
      backup_window: '02:00-03:00',
      deletion_protection: true,
      skip_final_snapshot: false,
      performance_insights_enabled: true,
      monitoring_interval: 60,
      lifecycle: { prevent_destroy: true },
    });
    expect(db.backup_retention_period).toBe(BACKUPS.database.retentionDays);
    // Terraform's generated master password; RDS manages none (a rotated one would break the static DATABASE_URL).
    expect(db.password).toMatch(/^\$\{sensitive\(terraform_data\.credentials_generated_\w+\.output\["database_password"\]\)\}$/);
    // Not ignored: a tier upgraded from the RDS-managed password needs this value in the same modify.
    expect(db.lifecycle).toEqual({ prevent_destroy: true });
    expect(db.manage_master_user_password).toBeUndefined();
    expect(db.master_user_secret_kms_key_id).toBeUndefined();
    expect(one(json, 'aws_db_parameter_group').parameter).toContainEqual(expect.objectContaining({ name: 'rds.force_ssl', value: '1' }));
  });

  it('runs Redis in cluster mode with failover, KMS at rest, TLS and RBAC, as the Global Datastore primary', () => {
    const cache = one(json, 'aws_elasticache_replication_group');
    expect(cache).toMatchObject({
      cluster_mode: 'enabled',
      num_node_groups: 2,
      replicas_per_node_group: 2,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      at_rest_encryption_enabled: 'true',
      transit_encryption_enabled: true,
      snapshot_retention_limit: 7,
    });
    expect(cache.user_group_ids).toHaveLength(1);
    expect(
      all(json, 'aws_elasticache_user')
        .map((u) => u.authentication_mode.type)
        .sort(),
    ).toEqual(['iam', 'no-password-required', 'password']);
    expect(all(json, 'aws_elasticache_global_replication_group')).toHaveLength(1);
  });

  it('alarms on the seed thresholds and notifies an encrypted topic', () => {
    const alarms = Object.fromEntries(
      all(json, 'aws_cloudwatch_metric_alarm').map((a) => [String(a.alarm_name).replace('mockforge-production-', ''), a]),
    );
    expect(alarms.high_error_rate).toMatchObject({ threshold: 5, evaluation_periods: 5 });
    expect(alarms.high_error_rate.threshold).toBe(asPercent(ALERTS.highErrorRate));
    expect(alarms.high_latency).toMatchObject({ threshold: 1, extended_statistic: 'p95', evaluation_periods: 5 });
    expect(alarms.high_latency.extended_statistic).toBe(`p${ALERTS.highLatency.percentile}`);
    expect(alarms.high_memory_usage).toMatchObject({ threshold: 90, evaluation_periods: 5 });
    expect(one(json, 'aws_sns_topic').kms_master_key_id).toBe('${aws_kms_key.encryption_key_0F00DADF.arn}');
    expect(one(json, 'aws_sns_topic_subscription')).toMatchObject({ protocol: 'email', endpoint: 'oncall@example.com' });
  });

  it('keeps every log group a year, encrypted', () => {
    const groups = all(json, 'aws_cloudwatch_log_group');
    expect(groups.map((g) => g.name).sort()).toEqual([
      '/aws/ecs/mockforge-production',
      '/aws/ecs/mockforge-production/exec',
      '/aws/elasticache/mockforge-production/slow-log',
      '/aws/vpc/mockforge-production/flow-logs',
      'aws-waf-logs-mockforge-production-alb',
    ]);
    expect(groups.every((g) => g.retention_in_days === LOG_RETENTION_DAYS && g.retention_in_days === 365 && g.kms_key_id)).toBe(true);
  });

  it('backs the database up daily at 05:00, clear of the RDS windows, for 30 days into a locked vault, with copies', () => {
    const plan = one(json, 'aws_backup_plan');
    expect(plan.rule[0]).toMatchObject({ schedule: 'cron(0 5 * * ? *)', start_window: 60, lifecycle: { delete_after: 30 } });
    expect(plan.rule[0].copy_action).toHaveLength(1);
    expect(all(json, 'aws_backup_vault')).toHaveLength(2);
    expect(all(json, 'aws_backup_vault_lock_configuration')).toHaveLength(2);
  });

  it('creates secret containers, encrypted with the stack key, and writes every one from references', () => {
    const secrets = all(json, 'aws_secretsmanager_secret');
    expect(secrets.map((s) => s.name).sort()).toEqual([
      'ecr-pullthroughcache/mockforge-production-ghcr',
      'mockforge/production/DATABASE_URL',
      'mockforge/production/MOCKFORGE_ADMIN_JWT_SECRET',
      'mockforge/production/MOCKFORGE_ADMIN_PASSWORD',
      'mockforge/production/MOCKFORGE_ADMIN_USERNAME',
      'mockforge/production/REDIS_URL',
    ]);
    expect(
      all(json, 'aws_secretsmanager_secret_version')
        .map((v) => /^\$\{aws_secretsmanager_secret\.secrets_(\w+)_[0-9A-F]{8}\.arn\}$/.exec(v.secret_id)![1])
        .sort(),
    ).toEqual(['database_url', 'mockforge_admin_jwt_secret', 'mockforge_admin_password', 'mockforge_admin_username', 'redis_url']);
    expect(one(json, 'aws_ecr_pull_through_cache_rule')).toMatchObject({
      upstream_registry_url: 'ghcr.io',
      ecr_repository_prefix: 'mockforge-production-ghcr',
    });
  });
});

describe('AwsRegionalStack (production secondary)', () => {
  const context = targetContext(defaultConfig(['aws']), 'production', 'aws');
  const app = Testing.app();
  const primary = new AwsRegionalStack(app, { context, region: 'us-east-1' });
  const policy = new PolicyEngine(awsRules, { failOnError: false });
  const secondary = new AwsRegionalStack(app, { context, region: 'eu-west-1', primary, policy });
  // A full app synthesis resolves the cross-stack references into remote-state lookups.
  app.synth();
  const read = (stack: AwsRegionalStack) =>
    JSON.parse(readFileSync(join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8')) as Json;
  const json = read(secondary);
  const primaryCache = one(read(primary), 'aws_elasticache_replication_group');

  it('joins the Global Datastore without the arguments the provider rejects beside global_replication_group_id', () => {
    const cache = one(json, 'aws_elasticache_replication_group');
    expect(cache.global_replication_group_id).toEqual(expect.any(String));
    for (const conflicting of [
      'at_rest_encryption_enabled',
      'transit_encryption_enabled',
      'transit_encryption_mode',
      'engine',
      'engine_version',
      'node_type',
      'num_node_groups',
      'parameter_group_name',
      'snapshot_arns',
      'snapshot_name',
    ]) {
      expect(cache).not.toHaveProperty(conflicting);
    }
    expect(cache.kms_key_id).toEqual(expect.any(String));
    expect(cache.user_group_ids).toHaveLength(1);
  });

  const primaryJson = read(primary);
  /** How this stack reads one of the primary's attributes: the output the primary publishes for it. */
  const primaryOutput = (reference: string) => {
    const name = Object.keys(primaryJson.output).find(
      (o) => o.startsWith('cross-stack-output-') && primaryJson.output[o].value === reference,
    );
    expect(name).toMatch(/^cross-stack-output-/);
    return `\${data.terraform_remote_state.cross-stack-reference-input-production-aws-us-east-1.outputs.${name}}`;
  };

  const ref = (type: string, prefix: string, attribute = 'id') => {
    const names = Object.keys(json.resource[type] as Record<string, Json>).filter((k) => k.startsWith(prefix));
    expect(names).toHaveLength(1);
    return `\${${type}.${names[0]}.${attribute}}`;
  };

  it("peers with the primary's VPC across regions and accepts in the primary's region", () => {
    const connection = one(json, 'aws_vpc_peering_connection');
    expect(connection).toMatchObject({ peer_region: 'us-east-1', vpc_id: '${aws_vpc.network_vpc_4E8F0223.id}' });
    expect(connection.peer_vpc_id).toBe(primaryOutput('${aws_vpc.network_vpc_4E8F0223.id}'));
    expect(connection.auto_accept).toBeUndefined();
    expect(one(json, 'aws_vpc_peering_connection_accepter')).toMatchObject({
      region: 'us-east-1',
      auto_accept: true,
      vpc_peering_connection_id: ref('aws_vpc_peering_connection', 'peering_us-east-1_connection_'),
    });
  });

  it('routes the private and data subnets of both regions to each other, through the accepted peering', () => {
    const peering = ref('aws_vpc_peering_connection_accepter', 'peering_us-east-1_accepter_', 'vpc_peering_connection_id');
    const routes = all(json, 'aws_route')
      .filter((r) => r.vpc_peering_connection_id)
      .map((r) => [r.region ?? 'eu-west-1', r.route_table_id, r.destination_cidr_block, r.vpc_peering_connection_id]);
    const tables = ['network_private_0_routes_', 'network_private_1_routes_', 'network_private_2_routes_', 'network_data_routes_'];
    const localTables = tables.map((t) => ref('aws_route_table', t));
    const primaryTables = localTables.map((t) => primaryOutput(t));
    expect(routes.sort()).toEqual(
      [
        ...localTables.map((t) => ['eu-west-1', t, '10.48.0.0/16', peering]),
        ...primaryTables.map((t) => ['us-east-1', t, '10.49.0.0/16', peering]),
      ].sort(),
    );
  });

  it("lets the tasks reach the other regions' data subnets on 5432 and 6379, and admits their private subnets", () => {
    const groups = json.resource.aws_security_group as Record<string, Json>;
    const group = (name: string) => `\${aws_security_group.${Object.keys(groups).find((k) => groups[k]!.name === name)}.id}`;
    const byPortAndCidr = (a: unknown[], b: unknown[]) => `${a[0]}${a[1]}${a[3]}`.localeCompare(`${b[0]}${b[1]}${b[3]}`);
    const peered = (type: string) =>
      all(json, type)
        .filter((r) => String(r.description).endsWith('over VPC peering'))
        .map((r) => [r.security_group_id, r.from_port, r.to_port, r.cidr_ipv4])
        .sort(byPortAndCidr);
    const subnets = (octet: number, third: number[]) => third.map((t) => `10.${octet}.${t}.0/20`);
    const data = [...subnets(48, [128, 144, 160]), ...subnets(50, [128, 144, 160])];
    const workloads = [...subnets(48, [64, 80, 96]), ...subnets(50, [64, 80, 96])];
    expect(peered('aws_vpc_security_group_egress_rule')).toEqual(
      [5432, 6379].flatMap((port) => data.map((cidr) => [group('mockforge-production-app'), port, port, cidr])).sort(byPortAndCidr),
    );
    expect(peered('aws_vpc_security_group_ingress_rule')).toEqual(
      [
        ...workloads.map((cidr) => [group('mockforge-production-postgres'), 5432, 5432, cidr]),
        ...workloads.map((cidr) => [group('mockforge-production-redis'), 6379, 6379, cidr]),
      ].sort(byPortAndCidr),
    );
  });

  it("writes the primary's DATABASE_URL, REDIS_URL and admin secrets into this region's secrets, read in the primary's region", () => {
    const secrets = json.resource.aws_secretsmanager_secret as Record<string, Json>;
    const reads = json.data.aws_secretsmanager_secret_version as Record<string, Json>;
    const versions = all(json, 'aws_secretsmanager_secret_version');
    expect(versions).toHaveLength(5);
    for (const [key, resource] of [
      ['DATABASE_URL', 'secrets_database_url_8E7BE9D4'],
      ['REDIS_URL', 'secrets_redis_url_6BFCC321'],
      ['MOCKFORGE_ADMIN_JWT_SECRET', 'secrets_mockforge_admin_jwt_secret_12A0C429'],
      ['MOCKFORGE_ADMIN_USERNAME', 'secrets_mockforge_admin_username_9967B20F'],
      ['MOCKFORGE_ADMIN_PASSWORD', 'secrets_mockforge_admin_password_716367CE'],
    ] as const) {
      const version = versions.find((v) => v.secret_id === `\${aws_secretsmanager_secret.${resource}.arn}`)!;
      expect(secrets[resource]!.name).toBe(`mockforge/production/${key}`);
      const read = /^\$\{data\.aws_secretsmanager_secret_version\.(\w+)\.secret_string\}$/.exec(version.secret_string)![1]!;
      // The primary's secret of the same key, by its ARN: the writer's endpoint and credentials.
      expect(reads[read]).toMatchObject({ region: 'us-east-1', secret_id: primaryOutput(`\${aws_secretsmanager_secret.${resource}.arn}`) });
      expect(version.lifecycle).toEqual({ ignore_changes: ['secret_string'], prevent_destroy: true });
    }
    // The secondary's own password user stays for a promotion; no URL names it. The credentials are the primary's alone.
    expect(JSON.stringify(versions)).not.toMatch(/aws_elasticache|random_password|terraform_data/);
    expect(json.resource.terraform_data).toBeUndefined();
    expect(secondary.credentials).toBeUndefined();
  });

  it("lets EKS pods reach every region's data subnets, its own first", () => {
    const data = (octet: number) => [128, 144, 160].map((t) => `10.${octet}.${t}.0/20`);
    expect(secondary.dataStoreCidrs).toEqual([...data(49), ...data(48), ...data(50)]);
    expect(primary.dataStoreCidrs).toEqual([...data(48), ...data(49), ...data(50)]);
  });

  it('keeps every encryption argument on the primary', () => {
    expect(primaryCache).toMatchObject({
      at_rest_encryption_enabled: 'true',
      transit_encryption_enabled: true,
      transit_encryption_mode: 'required',
    });
    expect(primaryCache.kms_key_id).toEqual(expect.any(String));
    expect(primaryCache.global_replication_group_id).toBeUndefined();
  });

  it('records why the secondary cache sets no encryption arguments, and has no other findings', () => {
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
    const cacheSuppressions = policy.findings.filter(
      (f) => f.stack === secondary.node.id && f.suppressedBecause === GLOBAL_SECONDARY_ENCRYPTION,
    );
    expect(cacheSuppressions.map((f) => f.ruleId).sort()).toEqual(['CKV_AWS_29', 'CKV_AWS_30', 'CKV_AWS_31']);
  });
});

describe('AwsRegionalStack generated secrets', () => {
  const { json } = synthRegion('production');
  const [credentialsAddress, credentials] = Object.entries(json.resource.terraform_data as Record<string, Json>)[0]!;
  const generated = (key: string) => `\${sensitive(terraform_data.${credentialsAddress}.output["${key}"])}`;
  const versionOf = (doc: Json, container: string) =>
    all(doc, 'aws_secretsmanager_secret_version').find((v) =>
      v.secret_id.startsWith(`\${aws_secretsmanager_secret.secrets_${container}_`),
    )!;

  it('generates the admin credentials and the RDS master password once, in the primary, and keeps the first values', () => {
    expect(Object.keys(json.resource.terraform_data)).toEqual([credentialsAddress]);
    expect(credentials).toEqual({
      input: {
        jwt_secret: '${sensitive(replace(join("", [uuid(), uuid()]), "-", ""))}',
        username: 'mockforge',
        password: '${sensitive(replace(join("", [uuid()]), "-", ""))}',
        database_password: '${sensitive(replace(join("", [uuid()]), "-", ""))}',
      },
      lifecycle: { ignore_changes: ['input'], prevent_destroy: true },
    });
  });

  it.each([
    ['mockforge_admin_jwt_secret', 'jwt_secret'],
    ['mockforge_admin_username', 'username'],
    ['mockforge_admin_password', 'password'],
  ])('writes %s from the generated %s', (container, key) => {
    expect(versionOf(json, container)).toEqual({
      secret_id: expect.stringMatching(new RegExp(`^\\$\\{aws_secretsmanager_secret\\.secrets_${container}_[0-9A-F]{8}\\.arn\\}$`)),
      secret_string: generated(key),
      lifecycle: { ignore_changes: ['secret_string'], prevent_destroy: true },
    });
  });

  it("sets the RDS master password from the credentials and writes the master user's TLS URL as DATABASE_URL", () => {
    const [dbAddress, db] = Object.entries(json.resource.aws_db_instance as Record<string, Json>)[0]!;
    expect(db.username).toBe(MASTER_USERNAME);
    expect(db.password).toBe(generated('database_password'));
    expect(versionOf(json, 'database_url').secret_string).toBe(
      `postgres://mockforge_admin:${generated('database_password')}@\${aws_db_instance.${dbAddress}.address}:5432/mockforge?sslmode=require`,
    );
  });

  it('holds no secret literal: every written value is built from references', () => {
    const literal = (value: string) => value.replace(/\$\{[^}]*\}/g, '');
    expect(
      all(json, 'aws_secretsmanager_secret_version')
        .map((v) => literal(v.secret_string))
        .sort(),
    ).toEqual(['', '', '', 'postgres://mockforge_admin:@:5432/mockforge?sslmode=require', 'rediss://:@:6379']);
    expect(JSON.stringify(json)).not.toMatch(/[0-9a-f]{32}/);
  });

  it('writes the admin secrets in dev too, where no database exists', () => {
    const dev = synthRegion('dev').json;
    expect(Object.keys(dev.resource.terraform_data)).toHaveLength(1);
    expect(
      all(dev, 'aws_secretsmanager_secret_version')
        .map((v) => /output\["(\w+)"\]/.exec(v.secret_string)![1])
        .sort(),
    ).toEqual(['jwt_secret', 'password', 'username']);
  });
});

describe('AwsRegionalStack REDIS_URL', () => {
  const { json } = synthRegion('production');
  const passwordRef = /^\$\{data\.aws_secretsmanager_random_password\.cache_app_password_\w+\.random_password\}$/;
  const user = all(json, 'aws_elasticache_user').find((u) => u.authentication_mode.type === 'password')!;
  const redisVersion = (doc: Json) => all(doc, 'aws_secretsmanager_secret_version').find((v) => v.secret_id.includes('secrets_redis_url'))!;

  /** Strings under a value, with Terraform interpolations removed. */
  const literals = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value.replace(/\$\{[^}]*\}/g, '')]
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(literals)
        : [];
  /** Values of credential-bearing attributes anywhere in the document. */
  const credentialValues = (value: unknown): unknown[] =>
    value && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) =>
          /^(passwords?|secret_string|auth_token|master_password)$/.test(k) ? [v] : credentialValues(v),
        )
      : [];

  it('holds no literal password: only a reference to a URL-safe generated one', () => {
    const generator = Object.values(json.data.aws_secretsmanager_random_password) as Json[];
    expect(generator).toEqual([expect.objectContaining({ exclude_punctuation: true, include_space: false })]);
    expect(generator[0]!.password_length).toBe(64);
    expect(user.authentication_mode.passwords).toEqual([expect.stringMatching(passwordRef)]);
    expect(user.passwords).toBeUndefined();
    const credentials = credentialValues(json.resource);
    // The Redis user's passwords, five secret versions, the RDS master password and the generator of the admin password.
    expect(credentials).toHaveLength(8);
    expect(credentials.flatMap(literals).filter((s) => /[A-Za-z0-9]{16,}/.test(s))).toEqual([]);
    expect(literals(redisVersion(json).secret_string)).toEqual(['rediss://:@:6379']);
    // The generated value is referenced exactly twice: the user's password and the URL.
    expect(JSON.stringify(json).match(/\$\{data\.aws_secretsmanager_random_password\.\w+\.random_password\}/g)).toHaveLength(2);
  });

  it('sets the password once: the user and the secret version ignore later generated values, and are never destroyed', () => {
    expect(user.lifecycle).toEqual({ ignore_changes: ['authentication_mode', 'passwords'], prevent_destroy: true });
    expect(redisVersion(json).lifecycle).toEqual({ ignore_changes: ['secret_string'], prevent_destroy: true });
  });

  it('writes rediss://<user>:<password>@<configuration endpoint>:6379 into the REDIS_URL secret', () => {
    const version = redisVersion(json);
    const url = /^rediss:\/\/(\$\{[^}]+\}):(\$\{[^}]+\})@(\$\{[^}]+\}):(\d+)$/.exec(version.secret_string)!;
    expect(url).not.toBeNull();
    expect(url[1]).toMatch(/^\$\{aws_elasticache_user\.cache_users_app_password_user_\w+\.user_name\}$/);
    expect(url[2]).toMatch(passwordRef);
    expect(url[2]).toBe(user.authentication_mode.passwords[0]);
    expect(url[3]).toMatch(/^\$\{aws_elasticache_replication_group\.cache_replication_group_\w+\.configuration_endpoint_address\}$/);
    expect(Number(url[4])).toBe(REDIS_PORT);
    expect(Number(url[4])).toBe(6379);
    const secrets = json.resource.aws_secretsmanager_secret as Record<string, Json>;
    const target = /aws_secretsmanager_secret\.(\w+)\.arn/.exec(version.secret_id)![1]!;
    expect(secrets[target]!.name).toBe('mockforge/production/REDIS_URL');
    expect(json.output.cache_connection_secret_arn.value).toBe(version.secret_id);
  });

  it("puts the password user in the replication group's user group beside the disabled default user", () => {
    const group = one(json, 'aws_elasticache_user_group');
    const users = json.resource.aws_elasticache_user as Record<string, Json>;
    const members = (group.user_ids as string[]).map((ref) => users[/aws_elasticache_user\.(\w+)\.user_id/.exec(ref)![1]!]!);
    expect(members.map((u) => [u.user_name.replace('mockforge-production', '<name>'), u.authentication_mode.type]).sort()).toEqual([
      ['<name>-app', 'iam'],
      ['<name>-app-pw', 'password'],
      ['default', 'no-password-required'],
    ]);
    expect(members.find((u) => u.user_name === 'default')!.access_string).toBe('off -@all');
    expect(one(json, 'aws_elasticache_replication_group').user_group_ids).toEqual([
      expect.stringContaining('aws_elasticache_user_group.cache_users_group_'),
    ]);
  });

  it('uses the primary endpoint without cluster mode', () => {
    const staging = synthRegion('staging').json;
    expect(redisVersion(staging).secret_string).toMatch(/@\$\{aws_elasticache_replication_group\.\w+\.primary_endpoint_address\}:6379$/);
  });
});

describe('AwsRegionalStack (staging)', () => {
  const { json, policy } = synthRegion('staging');

  it('keeps PostgreSQL and Redis in one zone on the smallest burstable classes: single-AZ db.t4g.micro, one cache.t4g.micro node', () => {
    expect(one(json, 'aws_db_instance')).toMatchObject({ multi_az: false, instance_class: 'db.t4g.micro' });
    expect(one(json, 'aws_elasticache_replication_group')).toMatchObject({
      node_type: 'cache.t4g.micro',
      num_cache_clusters: 1,
      automatic_failover_enabled: false,
      multi_az_enabled: false,
    });
    expect(one(json, 'aws_ecs_service').desired_count).toBe(2);
  });

  it('runs both tasks on Fargate Spot, in the public subnets of 2 AZs without a NAT', () => {
    expect(one(json, 'aws_ecs_service').capacity_provider_strategy).toEqual([{ capacity_provider: 'FARGATE_SPOT', weight: 1 }]);
    expect(one(json, 'aws_ecs_cluster_capacity_providers').capacity_providers).toEqual(['FARGATE', 'FARGATE_SPOT']);
    const network = one(json, 'aws_ecs_service').network_configuration;
    expect(network.assign_public_ip).toBe(true);
    expect(network.subnets).toEqual(['${aws_subnet.network_public_0_BEC6D2CB.id}', '${aws_subnet.network_public_1_11FF16B2.id}']);
    expect(json.resource.aws_nat_gateway).toBeUndefined();
    expect(json.resource.aws_eip).toBeUndefined();
  });

  it('records the public task IP and the single-zone data with their reasons, and nothing else', () => {
    expect(policy.findings.find((f) => f.ruleId === 'CKV_AWS_333')?.suppressedBecause).toBe(publicTaskReason('staging'));
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });

  it('puts an internal ALB behind a CloudFront VPC origin, with no web ACL of its own', () => {
    expect(one(json, 'aws_lb')).toMatchObject({ internal: true });
    expect(one(json, 'aws_cloudfront_vpc_origin').vpc_origin_endpoint_config[0].name).toBe('mockforge-staging-us-east-1');
    // CloudFront refuses a VPC origin in a VPC without an attached internet gateway.
    expect(one(json, 'aws_cloudfront_vpc_origin').depends_on).toEqual([
      `aws_internet_gateway.${Object.keys(json.resource.aws_internet_gateway)[0]}`,
    ]);
    expect(json.resource.aws_wafv2_web_acl).toBeUndefined();
    expect(json.resource.aws_cloudwatch_log_resource_policy).toBeUndefined();
  });
});

describe('AwsRegionalStack zones and gateway endpoint', () => {
  /** Staging in one region of the caller's choosing. */
  const stagingIn = (region: string): Json => {
    const config = defaultConfig(['aws']);
    const staging = { ...config.tiers.staging!, regions: { aws: [region] } };
    const context = targetContext({ ...config, tiers: { ...config.tiers, staging } }, 'staging', 'aws');
    return JSON.parse(Testing.synth(new AwsRegionalStack(Testing.app(), { context, region }), true)) as Json;
  };
  const zones = (json: Json): Json => Object.values(json.data.aws_availability_zones as Record<string, Json>)[0]!;
  const s3 = (json: Json): Json => all(json, 'aws_vpc_endpoint').find((e) => String(e.service_name).endsWith('.s3'))!;

  it.each([
    ['us-east-1', ['use1-az3']],
    ['us-west-1', ['usw1-az2']],
    ['ap-northeast-1', ['apne1-az3']],
    ['ca-central-1', ['cac1-az3']],
  ])('leaves out the zones of %s where VPC origins or Fargate do not run', (region, excluded) => {
    expect(zones(stagingIn(region))).toEqual({
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
      exclude_zone_ids: excluded,
    });
  });

  it('excludes no zone in a region where every zone runs them', () => {
    expect(zones(stagingIn('eu-west-1')).exclude_zone_ids).toBeUndefined();
  });

  it('lists only regions core knows in the exclusion table', () => {
    expect(Object.keys(AWS_UNSUPPORTED_ZONE_IDS).filter((r) => !(r in KNOWN_REGIONS.aws))).toEqual([]);
  });

  it('attaches the S3 gateway endpoint to the public route table where the tasks run there (ECR layers come from S3)', () => {
    const { json } = synthRegion('staging');
    const publicRoutes = `\${aws_route_table.${Object.keys(json.resource.aws_route_table).find((k) => k.startsWith('network_public_routes'))!}.id}`;
    expect(s3(json).route_table_ids).toEqual([
      expect.stringMatching(/^\$\{aws_route_table\.network_private_0_routes_\w+\.id\}$/),
      expect.stringMatching(/^\$\{aws_route_table\.network_private_1_routes_\w+\.id\}$/),
      expect.stringMatching(/^\$\{aws_route_table\.network_data_routes_\w+\.id\}$/),
      publicRoutes,
    ]);
  });

  it('keeps the endpoint off the public route table where the tasks are private (production)', () => {
    const { json } = synthRegion('production');
    expect(s3(json).route_table_ids).toHaveLength(4);
    expect(s3(json).route_table_ids.some((id: string) => id.includes('network_public_routes'))).toBe(false);
  });
});

describe('AwsRegionalStack (dev)', () => {
  const { json, policy } = synthRegion('dev');

  it('is cheap: 2 AZs, no NAT, no interface endpoints, Spot, no managed database or cache', () => {
    expect(all(json, 'aws_subnet')).toHaveLength(6);
    expect(json.resource.aws_nat_gateway).toBeUndefined();
    expect(json.resource.aws_eip).toBeUndefined();
    expect(all(json, 'aws_vpc_endpoint')).toHaveLength(1);
    expect(one(json, 'aws_ecs_service').capacity_provider_strategy).toEqual([{ capacity_provider: 'FARGATE_SPOT', weight: 1 }]);
    expect(one(json, 'aws_ecs_cluster_capacity_providers').capacity_providers).toEqual(['FARGATE', 'FARGATE_SPOT']);
    expect(json.resource.aws_elasticache_replication_group).toBeUndefined();
    expect(
      all(json, 'aws_security_group')
        .map((g) => g.name)
        .sort(),
    ).toEqual(['mockforge-dev-alb', 'mockforge-dev-app']);
  });

  it('runs no PostgreSQL, and nothing that hangs off one: no backups, alarms, widgets, rules or outputs', () => {
    for (const type of ['aws_db_instance', 'aws_db_subnet_group', 'aws_db_parameter_group', 'aws_backup_vault', 'aws_backup_plan']) {
      expect(json.resource[type]).toBeUndefined();
    }
    expect(all(json, 'aws_iam_role').filter((r) => String(r.name).includes('rds'))).toEqual([]);
    expect(all(json, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'AWS/RDS')).toEqual([]);
    expect(one(json, 'aws_cloudwatch_dashboard').dashboard_body).not.toContain('AWS/RDS');
    expect(all(json, 'aws_vpc_security_group_egress_rule').filter((r) => r.from_port === 5432)).toEqual([]);
    expect(Object.keys(json.output).filter((o) => o.startsWith('database_') || o === 'backup_vault_name')).toEqual([]);
  });

  it('keeps state in memory: no REDIS_URL or DATABASE_URL secret, and the task names neither', () => {
    expect(
      all(json, 'aws_secretsmanager_secret')
        .map((s) => s.name)
        .filter((n) => n.startsWith('mockforge/dev/'))
        .sort(),
    ).toEqual([
      'mockforge/dev/MOCKFORGE_ADMIN_JWT_SECRET',
      'mockforge/dev/MOCKFORGE_ADMIN_PASSWORD',
      'mockforge/dev/MOCKFORGE_ADMIN_USERNAME',
    ]);
    const [container] = JSON.parse(one(json, 'aws_ecs_task_definition').container_definitions) as Json[];
    expect((container!.secrets as Json[]).map((e) => e.name)).toEqual([
      'MOCKFORGE_ADMIN_JWT_SECRET',
      'MOCKFORGE_ADMIN_PASSWORD',
      'MOCKFORGE_ADMIN_USERNAME',
    ]);
    expect(json.output.cache_endpoint).toBeUndefined();
    expect(json.output.cache_connection_secret_arn).toBeUndefined();
  });

  it('runs its task in the public subnets with a public IP, admitting only the load balancer and the private network', () => {
    const network = one(json, 'aws_ecs_service').network_configuration;
    expect(network.assign_public_ip).toBe(true);
    expect(network.subnets).toEqual(['${aws_subnet.network_public_0_BEC6D2CB.id}', '${aws_subnet.network_public_1_11FF16B2.id}']);
    // The private subnets have no route out at all; only the public route table reaches the internet.
    expect(all(json, 'aws_route').map((r) => [r.destination_cidr_block, r.gateway_id ?? r.nat_gateway_id])).toEqual([
      ['0.0.0.0/0', '${aws_internet_gateway.network_internet_gateway_428007AA.id}'],
    ]);
    const ingress = all(json, 'aws_vpc_security_group_ingress_rule')
      .filter((r) => r.security_group_id === '${aws_security_group.security_groups_app_group_DF90890E.id}')
      .map((r) => [r.from_port, r.referenced_security_group_id ?? r.cidr_ipv4])
      .sort();
    expect(ingress).toEqual([
      [PORTS.http, '${aws_security_group.security_groups_load_balancer_group_57DE4A45.id}'],
      [PORTS.admin, '10.0.0.0/8'],
      [PORTS.metrics, '10.0.0.0/8'],
    ]);
    expect(all(json, 'aws_vpc_security_group_egress_rule').find((r) => r.from_port === 443)!.description).toBe(
      'Port 443 to the internet through public IP',
    );
  });

  it('records its relaxations as suppressions with the tier reason', () => {
    const suppressed = policy.findings
      .filter((f) => f.suppressedBecause?.startsWith('dev tier'))
      .map((f) => f.ruleId)
      .sort();
    expect(suppressed).toEqual(['CKV_AWS_150', 'CKV_AWS_333']);
    expect(policy.findings.find((f) => f.ruleId === 'CKV_AWS_333')?.suppressedBecause).toBe(publicTaskReason('dev'));
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });

  it("serves through an internal ALB in the private subnets that admits only this account's CloudFront VPC origins", () => {
    const lb = one(json, 'aws_lb');
    expect(lb).toMatchObject({ internal: true, load_balancer_type: 'application' });
    expect(lb.subnets).toEqual(['${aws_subnet.network_private_0_DBEAF189.id}', '${aws_subnet.network_private_1_3B2696F4.id}']);
    const origin = one(json, 'aws_cloudfront_vpc_origin').vpc_origin_endpoint_config[0];
    expect(origin).toEqual({
      name: 'mockforge-dev-us-east-1',
      arn: '${aws_lb.load_balancer_alb_027FD642.arn}',
      http_port: PUBLIC_PORTS.http,
      https_port: PUBLIC_PORTS.https,
      origin_protocol_policy: 'https-only',
      origin_ssl_protocols: [{ items: ['TLSv1.2'], quantity: 1 }],
    });
    // CloudFront creates its group once the origin exists; the lookup waits for it.
    expect(Object.values(json.data.aws_security_group)).toEqual([
      expect.objectContaining({
        name: 'CloudFront-VPCOrigins-Service-SG',
        vpc_id: '${aws_vpc.network_vpc_4E8F0223.id}',
        depends_on: ['aws_cloudfront_vpc_origin.load_balancer_vpc_origin_5FC84301'],
      }),
    ]);
    const albIngress = all(json, 'aws_vpc_security_group_ingress_rule')
      .filter((r) => r.security_group_id === '${aws_security_group.security_groups_load_balancer_group_57DE4A45.id}')
      .map((r) => [r.from_port, r.referenced_security_group_id ?? r.cidr_ipv4 ?? r.prefix_list_id]);
    expect(albIngress).toEqual([[PUBLIC_PORTS.https, '${data.aws_security_group.load_balancer_vpc_origin_service_group_711BC157.id}']]);
    // Only HTTPS listens; nothing outside the VPC reaches the ALB, so CloudFront's web ACL screens every request.
    expect(all(json, 'aws_lb_listener').map((l) => [l.port, l.protocol])).toEqual([[PUBLIC_PORTS.https, 'HTTPS']]);
    expect(json.resource.aws_wafv2_web_acl).toBeUndefined();
    expect(json.resource.aws_wafv2_web_acl_association).toBeUndefined();
    expect(json.data.aws_ec2_managed_prefix_list).toBeUndefined();
  });
});

describe('AwsRegionalStack with an existing zone and provided certificates', () => {
  const arn = 'arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012';
  const base = defaultConfig(['aws']);
  const config = {
    ...base,
    aws: { hostedZoneId: 'Z0123456789ABCDEFGHIJ' },
    tls: { mode: 'provided' as const, awsCertificateArn: arn, awsCloudFrontCertificateArn: arn },
  };
  const stack = new AwsRegionalStack(Testing.app(), { context: targetContext(config, 'staging', 'aws'), region: 'us-east-1' });
  const json = JSON.parse(Testing.synth(stack)) as Json;

  it('uses the configured zone and certificate instead of creating them', () => {
    expect(json.resource.aws_route53_zone).toBeUndefined();
    expect(json.resource.aws_acm_certificate).toBeUndefined();
    expect(all(json, 'aws_lb_listener').find((l) => l.port === 443)!.certificate_arn).toBe(arn);
    expect(json.output.dns_name_servers).toBeUndefined();
  });

  it('rejects ip-hash, which ALB cannot do, naming the field', () => {
    const ipHash = { ...base, tiers: { ...base.tiers, staging: { ...base.tiers.staging!, loadBalancing: 'ip-hash' as const } } };
    expect(() => new AwsRegionalStack(Testing.app(), { context: targetContext(ipHash, 'staging', 'aws'), region: 'us-east-1' })).toThrow(
      /tiers\.staging\.loadBalancing/,
    );
  });
});

describe('AwsRegionalStack monitoring', () => {
  const context = targetContext(defaultConfig(['aws']), 'production', 'aws');
  const stack = new AwsRegionalStack(Testing.app(), { context, region: 'us-east-1' });
  // Synthesizes the Monitoring object itself, to see which resources it names.
  new TerraformOutput(stack, 'monitoring_probe', { value: stack.monitoring });
  const json = JSON.parse(Testing.synth(stack)) as Json;
  const [topic] = Object.keys(json.resource.aws_sns_topic as Json);
  const [dashboard] = Object.keys(json.resource.aws_cloudwatch_dashboard as Json);

  it("exposes core's Monitoring as the topic every alarm notifies and the dashboard", () => {
    expect(json.output.monitoring_probe.value).toEqual({
      alertTarget: `\${aws_sns_topic.${topic}.arn}`,
      dashboardName: `\${aws_cloudwatch_dashboard.${dashboard}.dashboard_name}`,
    });
    expect(json.output.monitoring_alert_topic_arn.value).toBe(`\${aws_sns_topic.${topic}.arn}`);
    expect(json.output.monitoring_dashboard_name.value).toBe(`\${aws_cloudwatch_dashboard.${dashboard}.dashboard_name}`);
    for (const alarm of all(json, 'aws_cloudwatch_metric_alarm')) expect(alarm.alarm_actions).toEqual([`\${aws_sns_topic.${topic}.arn}`]);
  });
});
