import { list, obj, str } from '../schema';
import { CIDR_SCHEMA } from '../shared-schemas';

/** `aws:` settings. */
export interface AwsSettings {
  /** An existing public Route 53 zone containing the tiers' hostnames; without it each tier's primary regional stack creates one. */
  readonly hostedZoneId?: string;
  /** CIDRs allowed to reach a public EKS API endpoint; without them the endpoint is private only. */
  readonly eksPublicAccessCidrs?: readonly string[];
  /**
   * IAM roles that administer every EKS cluster (an access entry with AmazonEKSClusterAdminPolicy each),
   * the deploy workflow's among them; without them only the principal that created a cluster does.
   */
  readonly eksAdminRoleArns?: readonly string[];
}

/**
 * Balancing algorithms ECS cannot serve: its Application Load Balancer has no source-IP hash. (EKS
 * maps ip-hash to cookie stickiness on the ingress.)
 */
export const ECS_UNSUPPORTED_BALANCING: readonly string[] = ['ip-hash'];

/** An IAM role's ARN, path allowed (EKS access entries take the role's, not an assumed-role session's). */
const IAM_ROLE_ARN = str({
  pattern: /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
  describe: 'an IAM role ARN such as arn:aws:iam::123456789012:role/deploy (not an sts assumed-role ARN)',
});

export const AWS_SETTINGS_SCHEMA = obj({
  hostedZoneId: str({ pattern: /^Z[A-Z0-9]{1,31}$/, describe: 'a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ' }),
  eksPublicAccessCidrs: list(CIDR_SCHEMA, { unique: true }),
  eksAdminRoleArns: list(IAM_ROLE_ARN, { unique: true }),
});
