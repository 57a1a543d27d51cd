import { list, obj, str } from '../schema';
import { CIDR_SCHEMA } from '../shared-schemas';

/** `aws:` settings. */
export interface AwsSettings {
  /** An existing public Route 53 zone containing the tiers' hostnames; without it each tier's primary regional stack creates one. */
  readonly hostedZoneId?: string;
  /** CIDRs allowed to reach a public EKS API endpoint; without them the endpoint is private only. */
  readonly eksPublicAccessCidrs?: readonly string[];
}

/**
 * Balancing algorithms ECS cannot serve: its Application Load Balancer has no source-IP hash. (EKS
 * maps ip-hash to cookie stickiness on the ingress.)
 */
export const ECS_UNSUPPORTED_BALANCING: readonly string[] = ['ip-hash'];

export const AWS_SETTINGS_SCHEMA = obj({
  hostedZoneId: str({ pattern: /^Z[A-Z0-9]{1,31}$/, describe: 'a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ' }),
  eksPublicAccessCidrs: list(CIDR_SCHEMA, { unique: true }),
});
