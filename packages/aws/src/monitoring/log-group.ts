import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LOG_RETENTION_DAYS } from '@mockforge-infra/core';
import type { Construct } from 'constructs';

/** A CloudWatch log group encrypted with the stack's key, kept for the seed's retention. */
export function encryptedLogGroup(
  scope: Construct,
  id: string,
  name: string,
  kmsKeyArn: string,
  retentionDays: number = LOG_RETENTION_DAYS,
): CloudwatchLogGroup {
  return new CloudwatchLogGroup(scope, id, { name, retentionInDays: retentionDays, kmsKeyId: kmsKeyArn });
}
