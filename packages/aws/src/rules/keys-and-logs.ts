import { LOG_RETENTION_DAYS, type PolicyRule } from '@mockforge-infra/core';
import { attr, attributeRule, customRule, isFalse, isSet, isTrue } from './helpers';

const LOG_GROUP = ['aws_cloudwatch_log_group'];
const KEY = ['aws_kms_key'];
const SECRET = ['aws_secretsmanager_secret'];
const MAX_ROTATION_DAYS = 90;

interface Statement {
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}

function statementsOf(policy: unknown): Statement[] | undefined {
  if (typeof policy !== 'string') return undefined;
  try {
    const doc = JSON.parse(policy) as { Statement?: Statement | Statement[] };
    return Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  } catch {
    return undefined;
  }
}

const wildcard = (principal: unknown) =>
  principal === '*' || (typeof principal === 'object' && principal !== null && (principal as { AWS?: unknown }).AWS === '*');

export const keyAndLogRules: readonly PolicyRule[] = [
  attributeRule(
    { id: 'CKV_AWS_66', severity: 'warning', description: 'Log groups have a retention', resourceTypes: LOG_GROUP },
    'retention_in_days',
    isSet,
    'retention_in_days set',
  ),
  attributeRule(
    { id: 'CKV_AWS_338', severity: 'warning', description: 'Log groups keep a year of logs', resourceTypes: LOG_GROUP },
    'retention_in_days',
    (v) => v === undefined || Number(v) === 0 || Number(v) >= LOG_RETENTION_DAYS,
    `retention_in_days >= ${LOG_RETENTION_DAYS} (or 0, forever)`,
  ),
  attributeRule(
    {
      id: 'CKV_AWS_158',
      aliases: ['AWS-0017'],
      severity: 'warning',
      description: 'Log groups are encrypted with KMS',
      resourceTypes: LOG_GROUP,
    },
    'kms_key_id',
    isSet,
    'kms_key_id set',
  ),
  attributeRule(
    { id: 'CKV_AWS_7', aliases: ['AWS-0065'], severity: 'warning', description: 'KMS keys rotate', resourceTypes: KEY },
    'enable_key_rotation',
    isTrue,
    'enable_key_rotation = true',
  ),
  customRule(
    {
      id: 'CKV_AWS_33',
      aliases: ['CKV2_AWS_64'],
      severity: 'warning',
      description: 'KMS keys have a policy without an unconditioned wildcard principal',
      resourceTypes: KEY,
    },
    (r) => {
      const statements = statementsOf(attr(r.attributes, 'policy'));
      if (!statements) return 'policy must be defined';
      const open = statements.filter((s) => s.Effect === 'Allow' && wildcard(s.Principal) && !s.Condition);
      return open.length === 0 ? undefined : 'an Allow statement grants "*" without a condition';
    },
  ),
  attributeRule(
    { id: 'CKV_AWS_227', severity: 'warning', description: 'KMS keys are enabled', resourceTypes: KEY },
    'is_enabled',
    (v) => !isFalse(v),
    'is_enabled = true',
  ),
  attributeRule(
    {
      id: 'CKV_AWS_149',
      aliases: ['AWS-0098'],
      severity: 'warning',
      description: 'Secrets are encrypted with a customer managed key',
      resourceTypes: SECRET,
    },
    'kms_key_id',
    (v) => isSet(v) && !String(v).includes('alias/aws/'),
    'kms_key_id set to a customer managed key',
  ),
  customRule(
    {
      id: 'CKV2_AWS_57',
      aliases: ['CKV_AWS_304'],
      severity: 'warning',
      description: `Secrets rotate at least every ${MAX_ROTATION_DAYS} days`,
      resourceTypes: SECRET,
    },
    (r, stack) => {
      const rotations = stack.referencing('aws_secretsmanager_secret_rotation', r);
      const ok = rotations.some((rot) => {
        const days = Number(attr(rot.attributes, 'rotation_rules.automatically_after_days'));
        return Number.isFinite(days) && days > 0 && days <= MAX_ROTATION_DAYS;
      });
      return ok ? undefined : `no aws_secretsmanager_secret_rotation within ${MAX_ROTATION_DAYS} days`;
    },
  ),
];
