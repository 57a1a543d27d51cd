import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
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
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { accountOf } from './account';
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
  /** S3 server access logging into an SSE-S3 log bucket of the same region, under `prefix`. */
  readonly accessLogs?: { readonly bucket: SecureBucket; readonly prefix: string };
  /** Why the bucket has no server access logs (CKV_AWS_18); required without `accessLogs`. */
  readonly noAccessLogsReason?: string;
}

/**
 * A private, versioned, encrypted bucket that refuses plain HTTP and logs its access (or says why not).
 * `tags` and `overrides` apply to the bucket (`aws_s3_bucket`).
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioningA;
  /** Object ownership; log writers that use ACLs depend on it. */
  readonly ownership: S3BucketOwnershipControls;
  /** The bucket policy; log writers depend on it. */
  readonly policy: S3BucketPolicy;
  readonly accessLogging?: S3BucketLoggingA;
  private readonly kms: boolean;
  /** Statements added after construction (server access log sources). */
  private readonly extraStatements: BucketPolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.kms = props.kmsKeyArn !== undefined;
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
    if (!props.accessLogs) {
      if (!props.noAccessLogsReason) {
        throw new Error(`bucket ${props.bucketName}: give accessLogs or a written reason for none (noAccessLogsReason)`);
      }
      PolicyEngine.suppress(this, 'CKV_AWS_18', props.noAccessLogsReason);
    }
    if (props.lifecycleRules && props.lifecycleRules.length > 0) {
      new S3BucketLifecycleConfiguration(this, 'lifecycle', { bucket, rule: [...props.lifecycleRules], dependsOn: [this.versioning] });
    }
    const arn = this.bucket.arn;
    const statements = [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      ...(props.policyStatements?.(arn) ?? []),
    ];
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket,
      // Rendered at synthesis, after other buckets have named this one as their access log target.
      policy: Lazy.stringValue({
        produce: () => JSON.stringify({ Version: '2012-10-17', Statement: [...statements, ...this.extraStatements] }),
      }),
      dependsOn: [publicAccess],
    });

    if (props.accessLogs) {
      const target = props.accessLogs.bucket;
      target.acceptAccessLogs(this.bucket.arn, props.accessLogs.prefix);
      this.accessLogging = new S3BucketLoggingA(this, 'access_logs', {
        bucket,
        targetBucket: target.bucket.id,
        targetPrefix: props.accessLogs.prefix,
        dependsOn: [target.policy],
      });
    }
  }

  /** Lets S3 server access logging of `sourceBucketArn` (same account) write under `prefix`. */
  private acceptAccessLogs(sourceBucketArn: string, prefix: string): void {
    // S3 delivers server access logs only to buckets encrypted with SSE-S3.
    if (this.kms) throw new Error(`${this.node.path}: an SSE-KMS bucket cannot receive S3 server access logs`);
    const { accountId } = accountOf(this);
    const arn = this.bucket.arn;
    this.extraStatements.push({
      Sid: `S3ServerAccessLogs${this.extraStatements.length + 1}`,
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${arn}/${prefix}*`,
      Condition: { ArnLike: { 'aws:SourceArn': sourceBucketArn }, StringEquals: { 'aws:SourceAccount': accountId } },
    });
  }

  get arn(): string {
    return this.bucket.arn;
  }

  get name(): string {
    return this.bucket.bucket;
  }
}
