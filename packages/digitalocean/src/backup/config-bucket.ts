import { SpacesBucket } from '@cdktf/provider-digitalocean/lib/spaces-bucket';
import { SpacesBucketLogging } from '@cdktf/provider-digitalocean/lib/spaces-bucket-logging';
import { SpacesKey } from '@cdktf/provider-digitalocean/lib/spaces-key';
import type { CommonProps, TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';

export interface ConfigBucketProps extends CommonProps {
  readonly context: TargetContext;
  /** A Spaces datacenter. */
  readonly region: string;
}

/**
 * The tier's config and fixtures bucket on Spaces: private, versioned, old versions expire after the
 * guide's config retention (90 days), access logs to a private log bucket, no force destroy where
 * state is protected, and a Spaces key that can read and write this bucket only.
 */
export class ConfigBucket extends Construct {
  readonly bucket: SpacesBucket;
  readonly logs: SpacesBucket;
  readonly key: SpacesKey;

  constructor(scope: Construct, id: string, props: ConfigBucketProps) {
    super(scope, id);
    const { context, region } = props;
    const forceDestroy = !context.profile.preventDestroy;
    const retention = context.backup.schedules.config.retentionDays;
    this.logs = new SpacesBucket(this, 'access-logs', {
      name: resourceName(context.tier, 'config-logs'),
      region,
      acl: 'private',
      forceDestroy,
      versioning: { enabled: true },
      lifecycleRule: [
        { id: 'expire-logs', enabled: true, expiration: { days: context.monitoring.logRetentionDays } },
        { id: 'expire-old-versions', enabled: true, noncurrentVersionExpiration: { days: retention } },
      ],
    });
    this.bucket = new SpacesBucket(this, 'bucket', {
      name: resourceName(context.tier, 'config'),
      region,
      acl: 'private',
      forceDestroy,
      versioning: { enabled: true },
      lifecycleRule: [
        {
          id: 'expire-old-versions',
          enabled: true,
          noncurrentVersionExpiration: { days: retention },
          abortIncompleteMultipartUploadDays: 1,
        },
      ],
    });
    new SpacesBucketLogging(this, 'logging', {
      region,
      bucket: this.bucket.name,
      targetBucket: this.logs.name,
      targetPrefix: `${this.bucket.name}/`,
    });
    this.key = new SpacesKey(this, 'key', {
      name: resourceName(context.tier, 'config'),
      grant: [{ bucket: this.bucket.name, permission: 'readwrite' }],
    });
    applyCommonProps(this, this.bucket, props);
  }
}
