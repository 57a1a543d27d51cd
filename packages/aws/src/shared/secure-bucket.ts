import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketLifecycleConfiguration,
  type S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { PolicyEngine, type CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from './common-props';

export interface BucketPolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal: unknown;
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: unknown;
}

export interface SecureBucketProps extends CommonProps {
  readonly bucketName: string;
  /**
   * The CMK for SSE-KMS. Without it the bucket uses SSE-S3, which only log buckets may do: ALB access
   * logs and CloudFront standard logs cannot be written to SSE-KMS buckets.
   * @default SSE-S3, with CKV_AWS_145 suppressed for `sseS3Reason`
   */
  readonly kmsKeyArn?: string;
  /** Why SSE-S3 is used; required without `kmsKeyArn`. */
  readonly sseS3Reason?: string;
  /** CloudFront standard logging writes with ACLs, so the bucket must keep them enabled. @default false */
  readonly aclsForLogDelivery?: boolean;
  readonly lifecycleRules?: readonly S3BucketLifecycleConfigurationRule[];
  /** Statements besides the TLS-only denial. */
  readonly policyStatements?: (bucketArn: string) => readonly BucketPolicyStatement[];
  /** Why the bucket is not replicated to another region (CKV_AWS_144). @default replicated elsewhere */
  readonly noReplicationReason?: string;
  /** Lets `terraform destroy` empty the bucket (dev only). @default false */
  readonly forceDestroy?: boolean;
}

/**
 * A private, versioned, encrypted bucket that refuses plain HTTP.
 * `tags` and `overrides` apply to the bucket (`aws_s3_bucket`).
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioningA;
  /** Object ownership; log writers that use ACLs depend on it. */
  readonly ownership: S3BucketOwnershipControls;
  /** The bucket policy; log writers depend on it. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
    });
    applyCommonProps(this.bucket, props);
    const bucket = this.bucket.id;
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public_access', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.ownership = new S3BucketOwnershipControls(this, 'ownership', {
      bucket,
      rule: { objectOwnership: props.aclsForLogDelivery ? 'BucketOwnerPreferred' : 'BucketOwnerEnforced' },
    });
    this.versioning = new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        props.kmsKeyArn
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });
    if (!props.kmsKeyArn) {
      if (!props.sseS3Reason) throw new Error(`bucket ${props.bucketName}: SSE-S3 needs a written reason (sseS3Reason)`);
      PolicyEngine.suppress(this, 'CKV_AWS_145', props.sseS3Reason);
    }
    if (props.noReplicationReason) PolicyEngine.suppress(this, 'CKV_AWS_144', props.noReplicationReason);
    if (props.lifecycleRules && props.lifecycleRules.length > 0) {
      new S3BucketLifecycleConfiguration(this, 'lifecycle', { bucket, rule: [...props.lifecycleRules], dependsOn: [this.versioning] });
    }
    const arn = this.bucket.arn;
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [arn, `${arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          ...(props.policyStatements?.(arn) ?? []),
        ],
      }),
      dependsOn: [publicAccess],
    });
  }

  get arn(): string {
    return this.bucket.arn;
  }

  get name(): string {
    return this.bucket.bucket;
  }
}
