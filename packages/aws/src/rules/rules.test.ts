import { PolicyEngine, type PolicyRule } from '@mockforge-infra/core';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { awsRules } from '.';

interface Fixture {
  readonly type: string;
  readonly name: string;
  readonly attributes: Record<string, unknown>;
}

const r = (type: string, attributes: Record<string, unknown>, name = 'subject'): Fixture => ({ type, name, attributes });
const ref = (type: string, name: string, attribute = 'id') => `\${${type}.${name}.${attribute}}`;

function findingsFor(rule: PolicyRule, fixtures: readonly Fixture[]): string[] {
  const stack = new TerraformStack(Testing.app(), 'fixture');
  for (const f of fixtures) {
    const resource = new TerraformResource(stack, f.name, { terraformResourceType: f.type });
    resource.overrideLogicalId(f.name);
    for (const [key, value] of Object.entries(f.attributes)) resource.addOverride(key, value);
  }
  return new PolicyEngine([rule]).evaluate(stack, new Map()).findings.map((f) => f.address);
}

const container = (overrides: Record<string, unknown>) =>
  JSON.stringify([
    {
      name: 'app',
      privileged: false,
      readonlyRootFilesystem: true,
      environment: [{ name: 'MOCKFORGE_LOG_LEVEL', value: 'info' }],
      ...overrides,
    },
  ]);
const pg = r('aws_db_parameter_group', { family: 'postgres17', parameter: [{ name: 'rds.force_ssl', value: '1' }] }, 'params');
const pgWeak = r('aws_db_parameter_group', { family: 'postgres17', parameter: [{ name: 'log_connections', value: '1' }] }, 'params');
const bucket = r('aws_s3_bucket', { bucket: 'b' }, 'bucket');
const onBucket = (type: string, attributes: Record<string, unknown>) =>
  r(type, { bucket: ref('aws_s3_bucket', 'bucket'), ...attributes }, `${type}_x`);
const accessLogs = (source: string, targetBucket: string) =>
  r(
    'aws_s3_bucket_logging',
    { bucket: ref('aws_s3_bucket', source), target_bucket: targetBucket, target_prefix: 's3-access/' },
    'access_logs',
  );
const webAcl = r('aws_wafv2_web_acl', { name: 'acl', scope: 'REGIONAL' }, 'acl');
const otherAcl = r('aws_wafv2_web_acl', { name: 'other', scope: 'REGIONAL' }, 'other_acl');
const wafLogging = (acl: string, destinations: string[]) =>
  r(
    'aws_wafv2_web_acl_logging_configuration',
    { resource_arn: ref('aws_wafv2_web_acl', acl, 'arn'), log_destination_configs: destinations },
    'waf_logging',
  );
const secret = r('aws_secretsmanager_secret', { name: 's', kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/abc' }, 'secret');
const vpc = r('aws_vpc', { cidr_block: '10.0.0.0/16' }, 'vpc');
const sgRule = (type: string, attributes: Record<string, unknown>) =>
  r(type, { security_group_id: 'sg-1', description: 'd', ...attributes });
const kmsPolicy = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const distribution = (overrides: Record<string, unknown>) =>
  r('aws_cloudfront_distribution', {
    default_cache_behavior: { viewer_protocol_policy: 'redirect-to-https', response_headers_policy_id: 'p' },
    viewer_certificate: { acm_certificate_arn: 'arn', minimum_protocol_version: 'TLSv1.2_2021' },
    web_acl_id: 'arn:waf',
    logging_config: { bucket: 'logs.s3.amazonaws.com' },
    origin: [
      {
        domain_name: 'origin.example.com',
        origin_id: 'a',
        custom_origin_config: { origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] },
      },
    ],
    origin_group: [{ origin_id: 'g', failover_criteria: { status_codes: [500] }, member: [{ origin_id: 'a' }, { origin_id: 'b' }] }],
    ...overrides,
  });
const crs = (overridden: string[]) =>
  r('aws_wafv2_web_acl', {
    default_action: { allow: {} },
    rule_json: JSON.stringify([
      {
        Name: 'crs',
        Priority: 1,
        OverrideAction: { None: {} },
        Statement: {
          ManagedRuleGroupStatement: {
            VendorName: 'AWS',
            Name: 'AWSManagedRulesCommonRuleSet',
            RuleActionOverrides: overridden.map((Name) => ({ Name, ActionToUse: { Count: {} } })),
          },
        },
      },
    ]),
  });
const cachePolicy = (minTtl: number) =>
  r('aws_cloudfront_cache_policy', { name: 'assets', min_ttl: minTtl, default_ttl: 86400, max_ttl: 86400 }, 'assets');
const cachedDistribution = r('aws_cloudfront_distribution', {
  default_cache_behavior: { cache_policy_id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad' },
  ordered_cache_behavior: [{ path_pattern: '/assets/*', cache_policy_id: ref('aws_cloudfront_cache_policy', 'assets') }],
});
const eks = (overrides: Record<string, unknown>) =>
  r('aws_eks_cluster', {
    vpc_config: { endpoint_public_access: false, endpoint_private_access: true },
    encryption_config: { resources: ['secrets'] },
    enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
    version: '1.33',
    ...overrides,
  });

/** One passing and one failing fixture per rule id. */
const CASES: Record<string, { pass: Fixture[]; fail: Fixture[] }> = {
  CKV_AWS_16: { pass: [r('aws_db_instance', { storage_encrypted: true })], fail: [r('aws_db_instance', { storage_encrypted: false })] },
  CKV_AWS_17: { pass: [r('aws_db_instance', { publicly_accessible: false })], fail: [r('aws_db_instance', { publicly_accessible: true })] },
  CKV_AWS_157: { pass: [r('aws_db_instance', { multi_az: true })], fail: [r('aws_db_instance', { multi_az: false })] },
  CKV_AWS_133: {
    pass: [r('aws_db_instance', { backup_retention_period: 30 })],
    fail: [r('aws_db_instance', { backup_retention_period: 0 })],
  },
  CKV_AWS_293: { pass: [r('aws_db_instance', { deletion_protection: true })], fail: [r('aws_db_instance', {})] },
  CKV_AWS_161: { pass: [r('aws_db_instance', { iam_database_authentication_enabled: true })], fail: [r('aws_db_instance', {})] },
  CKV_AWS_118: { pass: [r('aws_db_instance', { monitoring_interval: 60 })], fail: [r('aws_db_instance', { monitoring_interval: 0 })] },
  CKV_AWS_129: {
    pass: [r('aws_db_instance', { enabled_cloudwatch_logs_exports: ['postgresql'] })],
    fail: [r('aws_db_instance', { enabled_cloudwatch_logs_exports: [] })],
  },
  CKV_AWS_226: {
    pass: [r('aws_db_instance', { auto_minor_version_upgrade: true })],
    fail: [r('aws_db_instance', { auto_minor_version_upgrade: false })],
  },
  CKV_AWS_353: { pass: [r('aws_db_instance', { performance_insights_enabled: true })], fail: [r('aws_db_instance', {})] },
  CKV_AWS_354: { pass: [r('aws_db_instance', { performance_insights_kms_key_id: 'arn:kms' })], fail: [r('aws_db_instance', {})] },
  CKV2_AWS_60: { pass: [r('aws_db_instance', { copy_tags_to_snapshot: true })], fail: [r('aws_db_instance', {})] },
  CKV2_AWS_69: {
    pass: [pg, r('aws_db_instance', { engine: 'postgres', parameter_group_name: ref('aws_db_parameter_group', 'params', 'name') })],
    fail: [pgWeak, r('aws_db_instance', { engine: 'postgres', parameter_group_name: ref('aws_db_parameter_group', 'params', 'name') })],
  },
  CKV_AWS_29: {
    pass: [r('aws_elasticache_replication_group', { at_rest_encryption_enabled: 'true' })],
    fail: [r('aws_elasticache_replication_group', { at_rest_encryption_enabled: 'false' })],
  },
  CKV_AWS_30: {
    pass: [r('aws_elasticache_replication_group', { transit_encryption_enabled: true })],
    fail: [r('aws_elasticache_replication_group', {})],
  },
  CKV_AWS_31: {
    pass: [r('aws_elasticache_replication_group', { transit_encryption_enabled: true, user_group_ids: ['g'] })],
    fail: [r('aws_elasticache_replication_group', { transit_encryption_enabled: true })],
  },
  CKV_AWS_191: {
    pass: [r('aws_elasticache_replication_group', { kms_key_id: 'arn:kms' })],
    fail: [r('aws_elasticache_replication_group', {})],
  },
  CKV2_AWS_50: {
    pass: [r('aws_elasticache_replication_group', { automatic_failover_enabled: true })],
    fail: [r('aws_elasticache_replication_group', { automatic_failover_enabled: false })],
  },
  CKV_AWS_134: {
    pass: [r('aws_elasticache_replication_group', { snapshot_retention_limit: 7 })],
    fail: [r('aws_elasticache_cluster', { snapshot_retention_limit: 0 })],
  },
  CKV_AWS_91: { pass: [r('aws_lb', { access_logs: { bucket: 'logs', enabled: true } })], fail: [r('aws_lb', {})] },
  CKV_AWS_131: { pass: [r('aws_lb', { drop_invalid_header_fields: true })], fail: [r('aws_lb', { load_balancer_type: 'application' })] },
  CKV_AWS_150: { pass: [r('aws_lb', { enable_deletion_protection: true })], fail: [r('aws_lb', {})] },
  CKV_AWS_152: {
    pass: [r('aws_lb', { load_balancer_type: 'network', enable_cross_zone_load_balancing: true })],
    fail: [r('aws_lb', { load_balancer_type: 'network' })],
  },
  CKV_AWS_328: { pass: [r('aws_lb', { desync_mitigation_mode: 'strictest' })], fail: [r('aws_lb', { desync_mitigation_mode: 'monitor' })] },
  CKV2_AWS_28: {
    pass: [
      r('aws_lb', { internal: false }),
      r('aws_wafv2_web_acl_association', { resource_arn: ref('aws_lb', 'subject', 'arn'), web_acl_arn: 'arn:waf' }, 'assoc'),
    ],
    fail: [r('aws_lb', { internal: false })],
  },
  'AWS-0053': { pass: [r('aws_lb', { internal: true })], fail: [r('aws_lb', { internal: false })] },
  CKV_AWS_2: {
    pass: [
      r('aws_lb_listener', {
        protocol: 'HTTP',
        default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', status_code: 'HTTP_301' } }],
      }),
    ],
    fail: [r('aws_lb_listener', { protocol: 'HTTP', default_action: [{ type: 'forward', target_group_arn: 'tg' }] })],
  },
  CKV_AWS_103: {
    pass: [r('aws_lb_listener', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' })],
    fail: [r('aws_lb_listener', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-1-2021-06' })],
  },
  CKV2_AWS_74: {
    pass: [r('aws_lb_listener', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' })],
    fail: [r('aws_lb_listener', { protocol: 'HTTPS' })],
  },
  CKV_AWS_261: {
    pass: [r('aws_lb_target_group', { protocol: 'HTTP', health_check: { path: '/health/ready' } })],
    fail: [r('aws_lb_target_group', { protocol: 'HTTP' })],
  },
  CKV_AWS_378: { pass: [r('aws_lb_target_group', { protocol: 'HTTPS' })], fail: [r('aws_lb_target_group', { protocol: 'HTTP' })] },
  CKV_AWS_34: { pass: [distribution({})], fail: [distribution({ default_cache_behavior: { viewer_protocol_policy: 'allow-all' } })] },
  CKV_AWS_174: { pass: [distribution({})], fail: [distribution({ viewer_certificate: { cloudfront_default_certificate: true } })] },
  CKV_AWS_68: { pass: [distribution({})], fail: [distribution({ web_acl_id: undefined })] },
  CKV_AWS_86: { pass: [distribution({})], fail: [distribution({ logging_config: undefined })] },
  CKV_AWS_310: { pass: [distribution({})], fail: [distribution({ origin_group: undefined })] },
  CKV2_AWS_32: { pass: [distribution({})], fail: [distribution({ default_cache_behavior: { viewer_protocol_policy: 'https-only' } })] },
  CKV2_AWS_46: {
    pass: [distribution({ origin: [{ domain_name: 'b.s3.us-east-1.amazonaws.com', origin_id: 's3', origin_access_control_id: 'oac' }] })],
    fail: [distribution({ origin: [{ domain_name: 'b.s3.us-east-1.amazonaws.com', origin_id: 's3' }] })],
  },
  CKV2_AWS_54: {
    pass: [distribution({})],
    fail: [
      distribution({
        origin: [
          {
            domain_name: 'o',
            origin_id: 'a',
            custom_origin_config: { origin_protocol_policy: 'https-only', origin_ssl_protocols: ['SSLv3', 'TLSv1.2'] },
          },
        ],
      }),
    ],
  },
  CKV2_AWS_72: {
    pass: [distribution({})],
    fail: [
      distribution({
        origin: [
          {
            domain_name: 'o',
            origin_id: 'a',
            custom_origin_config: { origin_protocol_policy: 'match-viewer', origin_ssl_protocols: ['TLSv1.2'] },
          },
        ],
      }),
    ],
  },
  CKV2_AWS_31: {
    pass: [webAcl, wafLogging('acl', [ref('aws_cloudwatch_log_group', 'waf', 'arn')])],
    fail: [webAcl, otherAcl, wafLogging('other_acl', [ref('aws_cloudwatch_log_group', 'waf', 'arn')])],
  },
  CKV_AWS_53: {
    pass: [r('aws_s3_bucket_public_access_block', { block_public_acls: true })],
    fail: [r('aws_s3_bucket_public_access_block', { block_public_acls: false })],
  },
  CKV_AWS_54: {
    pass: [r('aws_s3_bucket_public_access_block', { block_public_policy: true })],
    fail: [r('aws_s3_bucket_public_access_block', {})],
  },
  CKV_AWS_55: {
    pass: [r('aws_s3_bucket_public_access_block', { ignore_public_acls: true })],
    fail: [r('aws_s3_bucket_public_access_block', {})],
  },
  CKV_AWS_56: {
    pass: [r('aws_s3_bucket_public_access_block', { restrict_public_buckets: true })],
    fail: [r('aws_s3_bucket_public_access_block', {})],
  },
  CKV2_AWS_6: { pass: [bucket, onBucket('aws_s3_bucket_public_access_block', { block_public_acls: true })], fail: [bucket] },
  CKV_AWS_21: {
    pass: [bucket, onBucket('aws_s3_bucket_versioning', { versioning_configuration: { status: 'Enabled' } })],
    fail: [bucket, onBucket('aws_s3_bucket_versioning', { versioning_configuration: { status: 'Suspended' } })],
  },
  CKV_AWS_145: {
    pass: [
      bucket,
      onBucket('aws_s3_bucket_server_side_encryption_configuration', {
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'k' } }],
      }),
    ],
    fail: [
      bucket,
      onBucket('aws_s3_bucket_server_side_encryption_configuration', {
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
      }),
    ],
  },
  CKV_AWS_18: {
    pass: [bucket, accessLogs('bucket', 'central-logs')],
    // The subject is only the target here: the bucket that logs is the other one.
    fail: [r('aws_s3_bucket', { bucket: 'logs' }, 'subject'), bucket, accessLogs('bucket', ref('aws_s3_bucket', 'subject'))],
  },
  CKV_AWS_144: { pass: [bucket, onBucket('aws_s3_bucket_replication_configuration', { rule: [{ status: 'Enabled' }] })], fail: [bucket] },
  CKV_AWS_20: { pass: [r('aws_s3_bucket_acl', { acl: 'private' })], fail: [r('aws_s3_bucket_acl', { acl: 'public-read' })] },
  CKV_AWS_24: {
    pass: [sgRule('aws_vpc_security_group_ingress_rule', { ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '10.0.0.0/8' })],
    fail: [sgRule('aws_vpc_security_group_ingress_rule', { ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0' })],
  },
  CKV_AWS_25: {
    pass: [
      r('aws_security_group', {
        description: 'd',
        ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'], description: 'd' }],
      }),
    ],
    fail: [
      r('aws_security_group', {
        description: 'd',
        ingress: [{ protocol: 'tcp', from_port: 3000, to_port: 4000, cidr_blocks: ['0.0.0.0/0'], description: 'd' }],
      }),
    ],
  },
  CKV_AWS_260: {
    pass: [sgRule('aws_vpc_security_group_ingress_rule', { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' })],
    fail: [sgRule('aws_vpc_security_group_ingress_rule', { ip_protocol: 'tcp', from_port: 80, to_port: 80, cidr_ipv4: '0.0.0.0/0' })],
  },
  CKV_AWS_277: {
    pass: [
      r('aws_security_group_rule', {
        type: 'ingress',
        protocol: '-1',
        from_port: 0,
        to_port: 0,
        cidr_blocks: ['10.0.0.0/8'],
        description: 'd',
      }),
    ],
    fail: [
      r('aws_security_group_rule', {
        type: 'ingress',
        protocol: '-1',
        from_port: 0,
        to_port: 0,
        cidr_blocks: ['0.0.0.0/0'],
        description: 'd',
      }),
    ],
  },
  CKV_AWS_382: {
    pass: [
      sgRule('aws_vpc_security_group_egress_rule', {
        ip_protocol: 'tcp',
        from_port: 5432,
        to_port: 5432,
        referenced_security_group_id: 'sg-2',
      }),
    ],
    fail: [sgRule('aws_vpc_security_group_egress_rule', { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' })],
  },
  CKV_AWS_23: {
    pass: [sgRule('aws_vpc_security_group_ingress_rule', { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.0.0.0/8' })],
    fail: [
      r('aws_security_group', {
        description: 'd',
        ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/8'] }],
      }),
    ],
  },
  CKV2_AWS_12: {
    pass: [vpc, r('aws_default_security_group', { vpc_id: ref('aws_vpc', 'vpc'), ingress: [], egress: [] }, 'default_sg')],
    fail: [
      vpc,
      r('aws_default_security_group', { vpc_id: ref('aws_vpc', 'vpc'), ingress: [{ protocol: '-1', self: true }] }, 'default_sg'),
    ],
  },
  CKV2_AWS_11: { pass: [vpc, r('aws_flow_log', { vpc_id: ref('aws_vpc', 'vpc'), traffic_type: 'ALL' }, 'flow')], fail: [vpc] },
  'AWS-0164': { pass: [r('aws_subnet', { map_public_ip_on_launch: false })], fail: [r('aws_subnet', { map_public_ip_on_launch: true })] },
  CKV_AWS_334: {
    pass: [r('aws_ecs_task_definition', { container_definitions: container({}) })],
    fail: [r('aws_ecs_task_definition', { container_definitions: container({ privileged: true }) })],
  },
  CKV_AWS_335: {
    pass: [r('aws_ecs_task_definition', { container_definitions: container({}) })],
    fail: [r('aws_ecs_task_definition', { container_definitions: container({}), pid_mode: 'host' })],
  },
  CKV_AWS_336: {
    pass: [r('aws_ecs_task_definition', { container_definitions: container({}) })],
    fail: [r('aws_ecs_task_definition', { container_definitions: container({ readonlyRootFilesystem: false }) })],
  },
  'AWS-0036': {
    pass: [
      r('aws_ecs_task_definition', { container_definitions: container({ secrets: [{ name: 'DATABASE_URL', valueFrom: 'arn:secret' }] }) }),
    ],
    fail: [
      r('aws_ecs_task_definition', {
        container_definitions: container({ environment: [{ name: 'DATABASE_URL', value: 'postgres://u:p@h/db' }] }),
      }),
    ],
  },
  CKV_AWS_249: {
    pass: [
      r('aws_ecs_task_definition', { container_definitions: container({}), execution_role_arn: 'arn:exec', task_role_arn: 'arn:task' }),
    ],
    fail: [
      r('aws_ecs_task_definition', { container_definitions: container({}), execution_role_arn: 'arn:same', task_role_arn: 'arn:same' }),
    ],
  },
  CKV_AWS_97: {
    pass: [
      r('aws_ecs_task_definition', {
        container_definitions: container({}),
        volume: [{ name: 'data', efs_volume_configuration: { file_system_id: 'fs', transit_encryption: 'ENABLED' } }],
      }),
    ],
    fail: [
      r('aws_ecs_task_definition', {
        container_definitions: container({}),
        volume: [{ name: 'data', efs_volume_configuration: { file_system_id: 'fs' } }],
      }),
    ],
  },
  CKV_AWS_333: {
    pass: [r('aws_ecs_service', { network_configuration: { assign_public_ip: false } })],
    fail: [r('aws_ecs_service', { network_configuration: { assign_public_ip: true } })],
  },
  CKV_AWS_332: {
    pass: [r('aws_ecs_service', { launch_type: 'FARGATE', platform_version: 'LATEST' })],
    fail: [r('aws_ecs_service', { launch_type: 'FARGATE', platform_version: '1.3.0' })],
  },
  MF_AWS_1: {
    pass: [crs(['NoUserAgent_HEADER', 'SizeRestrictions_BODY'])],
    fail: [crs(['NoUserAgent_HEADER'])],
  },
  MF_AWS_2: { pass: [cachePolicy(0), cachedDistribution], fail: [cachePolicy(60), cachedDistribution] },
  CKV_AWS_65: {
    pass: [r('aws_ecs_cluster', { setting: [{ name: 'containerInsights', value: 'enhanced' }] })],
    fail: [r('aws_ecs_cluster', { setting: [{ name: 'containerInsights', value: 'disabled' }] })],
  },
  CKV_AWS_223: {
    pass: [r('aws_ecs_cluster', { configuration: { execute_command_configuration: { logging: 'OVERRIDE' } } })],
    fail: [r('aws_ecs_cluster', { configuration: { execute_command_configuration: { logging: 'NONE' } } })],
  },
  CKV_AWS_39: { pass: [eks({})], fail: [eks({ vpc_config: { endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] } })] },
  CKV_AWS_38: {
    pass: [eks({ vpc_config: { endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] } })],
    fail: [eks({ vpc_config: { endpoint_public_access: true, public_access_cidrs: ['0.0.0.0/0'] } })],
  },
  CKV_AWS_58: { pass: [eks({})], fail: [eks({ encryption_config: undefined })] },
  CKV_AWS_37: { pass: [eks({})], fail: [eks({ enabled_cluster_log_types: ['api', 'audit', 'authenticator'] })] },
  CKV_AWS_339: { pass: [eks({})], fail: [eks({ version: '1.24' })] },
  CKV_AWS_66: { pass: [r('aws_cloudwatch_log_group', { retention_in_days: 365 })], fail: [r('aws_cloudwatch_log_group', {})] },
  CKV_AWS_338: {
    pass: [r('aws_cloudwatch_log_group', { retention_in_days: 365 })],
    fail: [r('aws_cloudwatch_log_group', { retention_in_days: 30 })],
  },
  CKV_AWS_158: { pass: [r('aws_cloudwatch_log_group', { kms_key_id: 'arn:kms' })], fail: [r('aws_cloudwatch_log_group', {})] },
  CKV_AWS_7: { pass: [r('aws_kms_key', { enable_key_rotation: true })], fail: [r('aws_kms_key', { enable_key_rotation: false })] },
  CKV_AWS_33: {
    pass: [
      r('aws_kms_key', {
        policy: kmsPolicy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }),
      }),
    ],
    fail: [r('aws_kms_key', { policy: kmsPolicy({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }) })],
  },
  CKV_AWS_227: { pass: [r('aws_kms_key', { is_enabled: true })], fail: [r('aws_kms_key', { is_enabled: false })] },
  CKV_AWS_149: { pass: [secret], fail: [r('aws_secretsmanager_secret', { name: 's', kms_key_id: 'alias/aws/secretsmanager' }, 'secret')] },
  CKV2_AWS_57: {
    pass: [
      secret,
      r(
        'aws_secretsmanager_secret_rotation',
        { secret_id: ref('aws_secretsmanager_secret', 'secret'), rotation_rules: { automatically_after_days: 30 } },
        'rotation',
      ),
    ],
    fail: [
      secret,
      r(
        'aws_secretsmanager_secret_rotation',
        { secret_id: ref('aws_secretsmanager_secret', 'secret'), rotation_rules: { automatically_after_days: 365 } },
        'rotation',
      ),
    ],
  },
};

describe('AWS policy rules', () => {
  it('has a passing and a failing fixture for every rule', () => {
    expect(awsRules.map((rule) => rule.id).sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(awsRules.map((rule) => [rule.id, rule] as const))('%s passes its good fixture and flags its bad one exactly once', (id, rule) => {
    const cases = CASES[id]!;
    expect(findingsFor(rule, cases.pass)).toEqual([]);
    expect(findingsFor(rule, cases.fail)).toHaveLength(1);
  });

  it('rates Trivy HIGH/CRITICAL checks as errors', () => {
    const errors = awsRules.filter((rule) => rule.severity === 'error').map((rule) => rule.id);
    expect(errors).toEqual(
      expect.arrayContaining(['CKV_AWS_16', 'CKV_AWS_2', 'CKV_AWS_103', 'CKV_AWS_382', 'CKV_AWS_39', 'AWS-0036', 'CKV_AWS_145']),
    );
    expect(awsRules.find((rule) => rule.id === 'CKV_AWS_157')!.severity).toBe('warning');
  });
});
