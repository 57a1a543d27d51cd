import { PolicyEngine } from '@mockforge-infra/core';
import { TerraformStack, Testing } from 'cdktf';
import { SecureBucket } from './secure-bucket';

describe('SecureBucket', () => {
  it('blocks public access, versions, encrypts with KMS and denies plain HTTP', () => {
    const json = JSON.parse(
      Testing.synthScope(
        (scope) =>
          new SecureBucket(scope, 'b', { bucketName: 'b', kmsKeyArn: 'arn:kms', noReplicationReason: 'test bucket, never replicated' }),
      ),
    ) as { resource: Record<string, Record<string, any>> };
    const one = (type: string) => Object.values(json.resource[type]!)[0];
    expect(one('aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(one('aws_s3_bucket_versioning').versioning_configuration.status).toBe('Enabled');
    expect(one('aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default).toEqual({
      sse_algorithm: 'aws:kms',
      kms_master_key_id: 'arn:kms',
    });
    expect(JSON.parse(one('aws_s3_bucket_policy').policy).Statement[0]).toMatchObject({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('needs a written reason to fall back to SSE-S3, and records it', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(() => new SecureBucket(stack, 'plain', { bucketName: 'plain' })).toThrow(/sseS3Reason/);
    const logs = new SecureBucket(stack, 'logs', { bucketName: 'logs', sseS3Reason: 'log delivery needs SSE-S3' });
    expect(PolicyEngine.suppressionsOn(logs).map((s) => s.ruleId)).toEqual(['CKV_AWS_145']);
  });
});
