import type { PolicyRule } from '@mockforge-infra/core';
import { attr, attributeRule, customRule, isSet, isTrue } from './helpers';

const GROUP = ['aws_elasticache_replication_group'];

export const cacheRules: readonly PolicyRule[] = [
  attributeRule(
    { id: 'CKV_AWS_29', aliases: ['AWS-0045'], severity: 'error', description: 'ElastiCache encrypts data at rest', resourceTypes: GROUP },
    'at_rest_encryption_enabled',
    isTrue,
    'at_rest_encryption_enabled = true',
  ),
  attributeRule(
    {
      id: 'CKV_AWS_30',
      aliases: ['AWS-0051'],
      severity: 'error',
      description: 'ElastiCache encrypts data in transit',
      resourceTypes: GROUP,
    },
    'transit_encryption_enabled',
    isTrue,
    'transit_encryption_enabled = true',
  ),
  customRule(
    { id: 'CKV_AWS_31', severity: 'warning', description: 'ElastiCache requires authentication over TLS', resourceTypes: GROUP },
    (r) => {
      if (!isTrue(attr(r.attributes, 'transit_encryption_enabled'))) return 'authentication needs transit_encryption_enabled = true';
      return isSet(attr(r.attributes, 'auth_token')) || isSet(attr(r.attributes, 'user_group_ids'))
        ? undefined
        : 'auth_token or user_group_ids must be set';
    },
  ),
  attributeRule(
    { id: 'CKV_AWS_191', severity: 'warning', description: 'ElastiCache is encrypted with a CMK', resourceTypes: GROUP },
    'kms_key_id',
    isSet,
    'kms_key_id set',
  ),
  attributeRule(
    { id: 'CKV2_AWS_50', severity: 'warning', description: 'ElastiCache fails over automatically', resourceTypes: GROUP },
    'automatic_failover_enabled',
    isTrue,
    'automatic_failover_enabled = true',
  ),
  attributeRule(
    {
      id: 'CKV_AWS_134',
      aliases: ['AWS-0050'],
      severity: 'warning',
      description: 'Redis keeps snapshots',
      resourceTypes: ['aws_elasticache_cluster', ...GROUP],
    },
    'snapshot_retention_limit',
    (v) => typeof v === 'number' && v > 0,
    'snapshot_retention_limit > 0',
  ),
];
