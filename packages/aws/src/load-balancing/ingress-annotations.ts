import { TARGET_HEALTH, WEBSOCKET_IDLE_TIMEOUT_SECONDS } from '@mockforge-infra/core';
import { AWS_PLATFORM } from '../sizing';
import { ALB_LOG_PREFIX } from './alb-log-bucket';

const ALB = 'alb.ingress.kubernetes.io';

export interface AlbIngressInput {
  readonly certificateArn: string;
  readonly webAclArn: string;
  readonly securityGroupId: string;
  /** Comma-separated public subnet ids. */
  readonly subnetIds: string;
  readonly logBucketName: string;
  readonly deletionProtection: boolean;
}

/**
 * Annotations that make the AWS Load Balancer Controller build the same edge the ECS path builds
 * in Terraform: internet-facing in the public subnets behind the CloudFront-only security group,
 * the regional certificate and TLS policy, the WAF, strict header handling, access logs, and the
 * seed's target health.
 */
export function albIngressAnnotations(input: AlbIngressInput): Record<string, string> {
  const attributes = [
    `idle_timeout.timeout_seconds=${WEBSOCKET_IDLE_TIMEOUT_SECONDS}`,
    'routing.http.drop_invalid_header_fields.enabled=true',
    'routing.http.desync_mitigation_mode=strictest',
    `deletion_protection.enabled=${input.deletionProtection}`,
    'access_logs.s3.enabled=true',
    `access_logs.s3.bucket=${input.logBucketName}`,
    `access_logs.s3.prefix=${ALB_LOG_PREFIX}`,
  ];
  return {
    [`${ALB}/scheme`]: 'internet-facing',
    [`${ALB}/subnets`]: input.subnetIds,
    [`${ALB}/security-groups`]: input.securityGroupId,
    [`${ALB}/manage-backend-security-group-rules`]: 'true',
    [`${ALB}/certificate-arn`]: input.certificateArn,
    [`${ALB}/ssl-policy`]: AWS_PLATFORM.albTlsPolicy,
    [`${ALB}/wafv2-acl-arn`]: input.webAclArn,
    [`${ALB}/load-balancer-attributes`]: attributes.join(','),
    [`${ALB}/healthcheck-interval-seconds`]: String(TARGET_HEALTH.intervalSeconds),
    [`${ALB}/healthcheck-timeout-seconds`]: String(TARGET_HEALTH.timeoutSeconds),
    [`${ALB}/healthy-threshold-count`]: String(TARGET_HEALTH.healthyThreshold),
    [`${ALB}/unhealthy-threshold-count`]: String(TARGET_HEALTH.unhealthyThreshold),
  };
}
