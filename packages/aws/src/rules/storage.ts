import type { PolicyRule, SynthesizedResource, SynthesizedStack } from '@mockforge-infra/core';
import { attr, attrs, attributeRule, customRule, isSet, isTrue } from './helpers';

const ACCESS_BLOCK = ['aws_s3_bucket_public_access_block'];
const BUCKET = ['aws_s3_bucket'];
const PUBLIC_ACLS = ['public-read', 'public-read-write', 'authenticated-read'];

/** The companion resources (versioning, encryption ...) that name this bucket. */
function companions(stack: SynthesizedStack, type: string, bucket: SynthesizedResource): SynthesizedResource[] {
  return stack.referencing(type, bucket);
}

function blockRule(id: string, trivy: string, flag: string): PolicyRule {
  return attributeRule(
    { id, aliases: [trivy], severity: 'error', description: `S3 public access block sets ${flag}`, resourceTypes: ACCESS_BLOCK },
    flag,
    isTrue,
    `${flag} = true`,
  );
}

export const storageRules: readonly PolicyRule[] = [
  blockRule('CKV_AWS_53', 'AWS-0086', 'block_public_acls'),
  blockRule('CKV_AWS_54', 'AWS-0087', 'block_public_policy'),
  blockRule('CKV_AWS_55', 'AWS-0091', 'ignore_public_acls'),
  blockRule('CKV_AWS_56', 'AWS-0093', 'restrict_public_buckets'),
  customRule(
    {
      id: 'CKV2_AWS_6',
      aliases: ['AWS-0094'],
      severity: 'warning',
      description: 'S3 bucket has a public access block',
      resourceTypes: BUCKET,
    },
    (r, stack) =>
      companions(stack, 'aws_s3_bucket_public_access_block', r).length > 0
        ? undefined
        : 'no aws_s3_bucket_public_access_block for this bucket',
  ),
  customRule(
    { id: 'CKV_AWS_21', aliases: ['AWS-0090'], severity: 'warning', description: 'S3 bucket is versioned', resourceTypes: BUCKET },
    (r, stack) => {
      const enabled = companions(stack, 'aws_s3_bucket_versioning', r).some(
        (v) => attr(v.attributes, 'versioning_configuration.status') === 'Enabled',
      );
      return enabled || attr(r.attributes, 'versioning.enabled') === true ? undefined : 'no aws_s3_bucket_versioning with status Enabled';
    },
  ),
  customRule(
    {
      id: 'CKV_AWS_145',
      aliases: ['AWS-0132', 'CKV_AWS_19'],
      severity: 'error',
      description: 'S3 bucket is encrypted with KMS',
      resourceTypes: BUCKET,
    },
    (r, stack) => {
      const configs = companions(stack, 'aws_s3_bucket_server_side_encryption_configuration', r);
      const kms = configs.some((c) =>
        attrs(c.attributes, 'rule.apply_server_side_encryption_by_default.sse_algorithm').some(
          (a) => a === 'aws:kms' || a === 'aws:kms:dsse',
        ),
      );
      return kms ? undefined : 'server-side encryption must be aws:kms';
    },
  ),
  customRule(
    { id: 'CKV_AWS_18', severity: 'warning', description: 'S3 bucket writes server access logs', resourceTypes: BUCKET },
    (r, stack) => {
      // Only the logged bucket's own `bucket` argument counts, not a logging resource that targets it.
      const logged = stack
        .ofType('aws_s3_bucket_logging')
        .some((l) => stack.resolve(attr(l.attributes, 'bucket'))?.address === r.address && isSet(attr(l.attributes, 'target_bucket')));
      return logged || isSet(attr(r.attributes, 'logging.target_bucket')) ? undefined : 'no aws_s3_bucket_logging for this bucket';
    },
  ),
  customRule(
    { id: 'CKV_AWS_144', severity: 'warning', description: 'S3 bucket replicates to another region', resourceTypes: BUCKET },
    (r, stack) => {
      const enabled = companions(stack, 'aws_s3_bucket_replication_configuration', r).some((c) =>
        attrs(c.attributes, 'rule.status').includes('Enabled'),
      );
      return enabled ? undefined : 'no aws_s3_bucket_replication_configuration with an enabled rule';
    },
  ),
  attributeRule(
    {
      id: 'CKV_AWS_20',
      aliases: ['AWS-0092', 'CKV_AWS_57'],
      severity: 'error',
      description: 'S3 ACL is not public',
      resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_acl'],
    },
    'acl',
    (v) => !PUBLIC_ACLS.includes(v as string),
    'acl other than public-read/public-read-write/authenticated-read',
  ),
];
