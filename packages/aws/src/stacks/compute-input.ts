import type { TargetContext } from '@mockforge-infra/core';
import type { ITerraformDependable } from 'cdktf';
import type { ImageCache } from '../compute/image-cache';
import type { SecurityGroups } from '../network/security-groups';
import type { WafLogDelivery } from '../load-balancing/waf-logs';
import type { VpcNetwork } from '../network/vpc-network';
import type { SecretContainers } from '../secrets/secret-store';

/** What a region's compute (ECS or EKS) builds on. */
export interface RegionalComputeInput {
  readonly context: TargetContext;
  readonly region: string;
  /** Regional name prefix, e.g. mockforge-production. */
  readonly name: string;
  /** Account-wide name for a suffix (IAM roles). */
  readonly globalName: (suffix: string) => string;
  readonly kmsKeyArn: string;
  readonly network: VpcNetwork;
  readonly securityGroups: SecurityGroups;
  readonly secrets: SecretContainers;
  readonly image: ImageCache;
  readonly certificateArn: string;
  /** The region's origin name (`<region>.origin.<tier hostname>`). */
  readonly hostName: string;
  readonly logBucketName: string;
  /** Where the region's web ACL logs. */
  readonly wafLogs: WafLogDelivery;
  readonly alertTopicArn: string;
  /** The secrets' Terraform-written versions: a task started before them could not read its secrets. */
  readonly secretVersions: readonly ITerraformDependable[];
}
