import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { continentOf, PolicyEngine, type BackupPlan, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { ACCESS_LOG_NONCURRENT_DAYS, MULTI_REGION_BY_CONTINENT } from '../sizing';

/** Object prefixes inside the bucket, each with its own retention from core's BACKUPS. */
export const BUCKET_PREFIXES = { config: 'config/', state: 'state/' } as const;

/** Google's storage-logs writer; it needs to create objects in the access-log bucket. */
const STORAGE_ANALYTICS = 'group:cloud-storage-analytics@google.com';

export const ACCESS_LOG_BUCKET_REASON =
  'the access-log bucket is where access logs land; logging its own access would loop, and its objects are written only by Google';

export interface ConfigStateBucketProps extends CommonProps {
  readonly context: TargetContext;
  readonly project: string;
}

/**
 * The configuration and state bucket for disaster recovery, in the primary continent's
 * multi-region: versioned, uniform access, public access prevented, old versions expired after
 * the seed's retention (config 90 days, state 7 days), access logged to a second bucket that keeps
 * logs for the log retention and drops their noncurrent versions shortly after.
 */
export class ConfigStateBucket extends Construct implements BackupPlan {
  readonly bucket: StorageBucket;
  readonly accessLogs: StorageBucket;
  /** The bucket itself: it keeps the versions of the configuration and state for their retention. */
  readonly vaultName: string;

  constructor(scope: Construct, id: string, props: ConfigStateBucketProps) {
    super(scope, id);
    const { context, project } = props;
    const location = MULTI_REGION_BY_CONTINENT[continentOf('gcp', context.topology.primaryRegion) ?? 'NA'].toUpperCase();
    const secure = {
      location,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      versioning: { enabled: true },
      forceDestroy: false,
    };
    const { schedules } = context.backup;
    this.accessLogs = new StorageBucket(this, 'access-logs', {
      name: `${project}-mockforge-${context.tier}-logs`,
      ...secure,
      // Versioned (CKV_GCP_78): expiring a log only makes it noncurrent, so noncurrent versions go too.
      lifecycleRule: [
        { condition: { age: context.monitoring.logRetentionDays }, action: { type: 'Delete' } },
        { condition: { daysSinceNoncurrentTime: ACCESS_LOG_NONCURRENT_DAYS }, action: { type: 'Delete' } },
      ],
    });
    PolicyEngine.suppress(this.accessLogs, 'CKV_GCP_62', ACCESS_LOG_BUCKET_REASON);
    new StorageBucketIamMember(this, 'access-log-writer', {
      bucket: this.accessLogs.name,
      role: 'roles/storage.objectCreator',
      member: STORAGE_ANALYTICS,
    });

    this.bucket = new StorageBucket(this, 'bucket', {
      name: `${project}-mockforge-${context.tier}-config`,
      ...secure,
      logging: { logBucket: this.accessLogs.name, logObjectPrefix: 'config-bucket/' },
      lifecycleRule: [
        {
          condition: { matchesPrefix: [BUCKET_PREFIXES.config], daysSinceNoncurrentTime: schedules.config.retentionDays },
          action: { type: 'Delete' },
        },
        {
          condition: { matchesPrefix: [BUCKET_PREFIXES.state], daysSinceNoncurrentTime: schedules.state.retentionDays },
          action: { type: 'Delete' },
        },
      ],
    });
    applyCommonProps(this, this.bucket, props);
    this.vaultName = this.bucket.name;
  }
}
