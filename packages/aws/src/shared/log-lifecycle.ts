import type { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { LOG_RETENTION_DAYS } from '@mockforge-infra/core';
import { AWS_PLATFORM } from '../sizing';

/** Access-log buckets keep logs as long as log groups do; expired (noncurrent) versions go soon after. */
export function logBucketLifecycle(): S3BucketLifecycleConfigurationRule[] {
  return [
    {
      id: 'expire-old-logs',
      status: 'Enabled',
      filter: [{ prefix: '' }],
      expiration: [{ days: LOG_RETENTION_DAYS }],
      noncurrentVersionExpiration: [{ noncurrentDays: AWS_PLATFORM.logNoncurrentVersionDays }],
    },
  ];
}
