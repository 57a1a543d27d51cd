import type { PolicyRule } from '@mockforge-infra/core';
import { attr, attrs, attributeRule, customRule, isFalse, isSet, isTrue } from './helpers';

const DB = ['aws_db_instance'];
const DB_AND_CLUSTER_INSTANCE = ['aws_db_instance', 'aws_rds_cluster_instance'];
const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60];
const FORCE_SSL_ENGINES = /^(postgres|sqlserver)/;

export const databaseRules: readonly PolicyRule[] = [
  attributeRule(
    { id: 'CKV_AWS_16', aliases: ['AWS-0080'], severity: 'error', description: 'RDS storage is encrypted', resourceTypes: DB },
    'storage_encrypted',
    isTrue,
    'storage_encrypted = true',
  ),
  attributeRule(
    {
      id: 'CKV_AWS_17',
      aliases: ['AWS-0180'],
      severity: 'error',
      description: 'RDS is not publicly accessible',
      resourceTypes: DB_AND_CLUSTER_INSTANCE,
    },
    'publicly_accessible',
    (v) => !isTrue(v),
    'publicly_accessible = false',
  ),
  attributeRule(
    { id: 'CKV_AWS_157', severity: 'warning', description: 'RDS is Multi-AZ', resourceTypes: DB },
    'multi_az',
    isTrue,
    'multi_az = true',
  ),
  attributeRule(
    { id: 'CKV_AWS_133', aliases: ['AWS-0077'], severity: 'warning', description: 'RDS keeps automated backups', resourceTypes: DB },
    'backup_retention_period',
    (v) => typeof v === 'number' && v >= 2 && v <= 35,
    'backup_retention_period between 2 and 35 days',
  ),
  attributeRule(
    { id: 'CKV_AWS_293', aliases: ['AWS-0177'], severity: 'warning', description: 'RDS has deletion protection', resourceTypes: DB },
    'deletion_protection',
    isTrue,
    'deletion_protection = true',
  ),
  attributeRule(
    {
      id: 'CKV_AWS_161',
      aliases: ['AWS-0176'],
      severity: 'warning',
      description: 'RDS PostgreSQL/MySQL uses IAM authentication',
      resourceTypes: DB,
    },
    'iam_database_authentication_enabled',
    isTrue,
    'iam_database_authentication_enabled = true',
  ),
  attributeRule(
    { id: 'CKV_AWS_118', severity: 'warning', description: 'RDS has enhanced monitoring', resourceTypes: DB_AND_CLUSTER_INSTANCE },
    'monitoring_interval',
    (v) => MONITORING_INTERVALS.includes(Number(v)),
    `monitoring_interval in ${MONITORING_INTERVALS.join('/')}`,
  ),
  attributeRule(
    { id: 'CKV_AWS_129', severity: 'warning', description: 'RDS exports logs to CloudWatch', resourceTypes: DB },
    'enabled_cloudwatch_logs_exports',
    (v) => Array.isArray(v) && v.length > 0,
    'enabled_cloudwatch_logs_exports non-empty',
  ),
  attributeRule(
    { id: 'CKV_AWS_226', severity: 'warning', description: 'RDS applies minor upgrades', resourceTypes: DB_AND_CLUSTER_INSTANCE },
    'auto_minor_version_upgrade',
    (v) => !isFalse(v),
    'auto_minor_version_upgrade = true',
  ),
  attributeRule(
    {
      id: 'CKV_AWS_353',
      aliases: ['AWS-0133'],
      severity: 'warning',
      description: 'RDS has Performance Insights',
      resourceTypes: DB_AND_CLUSTER_INSTANCE,
    },
    'performance_insights_enabled',
    isTrue,
    'performance_insights_enabled = true',
  ),
  attributeRule(
    {
      id: 'CKV_AWS_354',
      aliases: ['AWS-0078'],
      severity: 'warning',
      description: 'Performance Insights is encrypted with a CMK',
      resourceTypes: DB_AND_CLUSTER_INSTANCE,
    },
    'performance_insights_kms_key_id',
    isSet,
    'performance_insights_kms_key_id set',
  ),
  attributeRule(
    { id: 'CKV2_AWS_60', severity: 'warning', description: 'RDS copies tags to snapshots', resourceTypes: DB },
    'copy_tags_to_snapshot',
    isTrue,
    'copy_tags_to_snapshot = true',
  ),
  customRule(
    { id: 'CKV2_AWS_69', severity: 'warning', description: 'RDS PostgreSQL requires TLS (rds.force_ssl = 1)', resourceTypes: DB },
    (resource, stack) => {
      const engine = attr(resource.attributes, 'engine');
      if (typeof engine === 'string' && !FORCE_SSL_ENGINES.test(engine)) return undefined;
      const group = stack.resolve(attr(resource.attributes, 'parameter_group_name'));
      if (!group) return 'parameter_group_name must name a parameter group in this stack that sets rds.force_ssl = 1';
      const forced = attrs(group.attributes, 'parameter').some((p) => {
        const param = p as { name?: unknown; value?: unknown };
        return param.name === 'rds.force_ssl' && String(param.value) === '1';
      });
      return forced ? undefined : `parameter group ${group.address} does not set rds.force_ssl = 1`;
    },
  ),
];
