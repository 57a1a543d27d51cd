import { PolicyEngine } from '@mockforge-infra/core';
import { TerraformStack, Testing } from 'cdktf';
import { SecureBucket } from './secure-bucket';

type Json = Record<string, any>;
const noLogs = { noAccessLogsReason: 'test bucket, nothing reads it' };

describe('SecureBucket', () => {
  it('blocks public access, versions, encrypts with KMS and denies plain HTTP', () => {
    const json = JSON.parse(
      Testing.synthScope(
        (scope) =>
          new SecureBucket(scope, 'b', {
            bucketName: 'b',
            kmsKeyArn: 'arn:kms',
            noReplicationReason: 'test bucket, never replicated',
            ...noLogs,
          }),
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
    expect(() => new SecureBucket(stack, 'plain', { bucketName: 'plain', ...noLogs })).toThrow(/sseS3Reason/);
    const logs = new SecureBucket(stack, 'logs', { bucketName: 'logs', sseS3Reason: 'log delivery needs SSE-S3', ...noLogs });
    expect(PolicyEngine.suppressionsOn(logs).map((s) => s.ruleId)).toEqual(['CKV_AWS_145', 'CKV_AWS_18']);
  });

  it('logs its access, or needs a written reason for not logging', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(() => new SecureBucket(stack, 'silent', { bucketName: 'silent', kmsKeyArn: 'arn:kms' })).toThrow(/noAccessLogsReason/);
    const sealed = new SecureBucket(stack, 'sealed', { bucketName: 'sealed', kmsKeyArn: 'arn:kms', ...noLogs });
    // S3 delivers server access logs only into SSE-S3 buckets.
    expect(
      () => new SecureBucket(stack, 'data', { bucketName: 'data', kmsKeyArn: 'arn:kms', accessLogs: { bucket: sealed, prefix: 'x/' } }),
    ).toThrow(/SSE-KMS/);
  });

  it('sends server access logs to a log bucket whose policy admits S3 logging of that bucket only', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const logs = new SecureBucket(scope, 'logs', { bucketName: 'logs', sseS3Reason: 'log delivery needs SSE-S3', ...noLogs });
        const data = new SecureBucket(scope, 'data', {
          bucketName: 'data',
          kmsKeyArn: 'arn:kms',
          accessLogs: { bucket: logs, prefix: 's3-access/data/' },
        });
        expect(PolicyEngine.suppressionsOn(data).map((s) => s.ruleId)).not.toContain('CKV_AWS_18');
      }),
    ) as Json;
    const key = (type: string, prefix: string) => Object.keys(json.resource[type]).find((k) => k.startsWith(prefix))!;
    const [data, logs, logsPolicy] = [key('aws_s3_bucket', 'data_'), key('aws_s3_bucket', 'logs_'), key('aws_s3_bucket_policy', 'logs_')];
    expect(Object.values(json.resource.aws_s3_bucket_logging)).toEqual([
      expect.objectContaining({
        bucket: `\${aws_s3_bucket.${data}.id}`,
        target_bucket: `\${aws_s3_bucket.${logs}.id}`,
        target_prefix: 's3-access/data/',
        depends_on: [`aws_s3_bucket_policy.${logsPolicy}`],
      }),
    ]);
    const statements = JSON.parse(json.resource.aws_s3_bucket_policy[logsPolicy].policy).Statement as Json[];
    expect(statements.find((s) => s.Effect === 'Allow')).toEqual({
      Sid: 'S3ServerAccessLogs1',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `\${aws_s3_bucket.${logs}.arn}/s3-access/data/*`,
      Condition: {
        ArnLike: { 'aws:SourceArn': `\${aws_s3_bucket.${data}.arn}` },
        StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.caller_identity.account_id}' },
      },
    });
  });
});
