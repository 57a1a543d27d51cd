import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import type { Construct } from 'constructs';
import { accountOf } from '../shared/account';
import { logBucketLifecycle } from '../shared/log-lifecycle';
import { SecureBucket } from '../shared/secure-bucket';

export const ALB_LOG_PREFIX = 'alb';

/** The bucket ALB access logs land in; ALB log delivery only writes to SSE-S3 buckets. */
export function albLogBucket(scope: Construct, id: string, bucketName: string): SecureBucket {
  const { accountId } = accountOf(scope);
  const elbAccount = new DataAwsElbServiceAccount(scope, `${id}_elb_account`);
  const objects = (arn: string) => `${arn}/${ALB_LOG_PREFIX}/AWSLogs/${accountId}/*`;
  return new SecureBucket(scope, id, {
    bucketName,
    sseS3Reason: 'ALB access log delivery supports only SSE-S3 (AES256) on the destination bucket',
    noReplicationReason: 'access logs are per-region operational data; they are not replicated to save cost',
    noAccessLogsReason: 'an access-log bucket: only ELB log delivery writes to it, and logging it into itself would loop',
    lifecycleRules: logBucketLifecycle(),
    policyStatements: (arn) => [
      { Sid: 'ElbAccountWrites', Effect: 'Allow', Principal: { AWS: elbAccount.arn }, Action: 's3:PutObject', Resource: objects(arn) },
      {
        Sid: 'ElbServiceWrites',
        Effect: 'Allow',
        Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: objects(arn),
      },
    ],
  });
}
