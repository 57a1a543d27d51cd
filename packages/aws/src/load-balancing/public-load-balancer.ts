import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import {
  PolicyEngine,
  PUBLIC_PORTS,
  TARGET_HEALTH,
  TERMINATION_GRACE_SECONDS,
  WEBSOCKET_IDLE_TIMEOUT_SECONDS,
  type CommonProps,
  type LoadBalancer,
} from '@mockforge-infra/core';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';
import { AWS_PLATFORM } from '../sizing';
import { ALB_LOG_PREFIX, albLogBucket } from './alb-log-bucket';
import { LoadBalancerVpcOrigin } from './vpc-origin';
import type { WafLogDelivery } from './waf-logs';
import { originWebAcl } from './web-acl';

export interface PublicLoadBalancerProps extends CommonProps {
  /** ALB, target group and bucket name prefix, e.g. mockforge-production. */
  readonly name: string;
  /** Globally unique log bucket name. */
  readonly logBucketName: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  readonly certificateArn: string;
  /** ALB `load_balancing_algorithm_type`. */
  readonly algorithm: string;
  /** @default true */
  readonly deletionProtection?: boolean;
  /** Why deletion protection is off (a tier exemption). */
  readonly deletionProtectionExemption?: string;
  /** The public hostname, for the HTTPS URL. */
  readonly hostName: string;
  /** Where the ALB's web ACL logs (an internet-facing ALB). */
  readonly wafLogs?: WafLogDelivery;
  /**
   * Makes the ALB internal, reached by CloudFront through a VPC origin of this name. It then has no
   * public address, no HTTP listener and no web ACL of its own: nothing outside the VPC reaches it,
   * so CloudFront's web ACL screens every request it serves. `subnetIds` are then private subnets.
   * @default internet-facing, in public subnets, with its own web ACL
   */
  readonly vpcOriginName?: string;
  /** What the VPC origin waits for: the VPC's internet gateway, which VPC origins require. @default none */
  readonly vpcOriginDependsOn?: readonly ITerraformDependable[];
}

/**
 * The edge of a region behind CloudFront: an ALB with HTTPS on TLS 1.3/1.2, invalid headers dropped,
 * strictest desync mitigation, access logs, and one HTTP:3000 target group checked on `/health/ready`.
 * Internet-facing (in the public subnets, HTTP answered with a 301, its own WAF), or internal behind a
 * CloudFront VPC origin (`vpcOriginName`).
 * `tags` and `overrides` apply to the ALB (`aws_lb`); `tags` also to the target group.
 */
export class PublicLoadBalancer extends Construct implements LoadBalancer {
  readonly lb: Lb;
  readonly targetGroup: LbTargetGroup;
  readonly httpsListener: LbListener;
  readonly dnsName: string;
  readonly zoneId: string;
  readonly endpoint: string;
  /** `<lb arn_suffix>/<target group arn_suffix>` for request-count scaling and alarms. */
  readonly requestCountResourceLabel: string;
  /** How CloudFront reaches an internal ALB. */
  readonly vpcOrigin?: LoadBalancerVpcOrigin;

  constructor(scope: Construct, id: string, props: PublicLoadBalancerProps) {
    super(scope, id);
    const logs = albLogBucket(this, 'access_logs', props.logBucketName);

    const deletionProtection = props.deletionProtection ?? true;
    const internal = props.vpcOriginName !== undefined;
    this.lb = new Lb(this, 'alb', {
      name: props.name,
      loadBalancerType: 'application',
      internal,
      subnets: [...props.subnetIds],
      securityGroups: [props.securityGroupId],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'strictest',
      enableDeletionProtection: deletionProtection,
      idleTimeout: WEBSOCKET_IDLE_TIMEOUT_SECONDS,
      enableCrossZoneLoadBalancing: true,
      accessLogs: { bucket: logs.name, prefix: ALB_LOG_PREFIX, enabled: true },
      dependsOn: [logs.policy],
    });
    applyCommonProps(this.lb, props);
    if (!internal) {
      PolicyEngine.suppress(
        this.lb,
        'AWS-0053',
        "public edge: the ALB is CloudFront's origin, reachable on 443 only from the CloudFront origin-facing prefix list",
      );
    }
    if (!deletionProtection) {
      PolicyEngine.suppress(this.lb, 'CKV_AWS_150', props.deletionProtectionExemption ?? 'deletion protection is off for this tier');
    }

    this.targetGroup = new LbTargetGroup(this, 'target_group', {
      name: `${props.name}-http`,
      port: TARGET_HEALTH.port,
      protocol: TARGET_HEALTH.protocol,
      targetType: 'ip',
      vpcId: props.vpcId,
      loadBalancingAlgorithmType: props.algorithm,
      deregistrationDelay: String(TERMINATION_GRACE_SECONDS),
      healthCheck: {
        enabled: true,
        path: TARGET_HEALTH.path,
        port: String(TARGET_HEALTH.port),
        protocol: TARGET_HEALTH.protocol,
        interval: TARGET_HEALTH.intervalSeconds,
        timeout: TARGET_HEALTH.timeoutSeconds,
        healthyThreshold: TARGET_HEALTH.healthyThreshold,
        unhealthyThreshold: TARGET_HEALTH.unhealthyThreshold,
        matcher: '200',
      },
      stickiness: { type: 'lb_cookie', enabled: TARGET_HEALTH.stickiness },
      tags: props.tags,
    });
    PolicyEngine.suppress(
      this.targetGroup,
      'CKV_AWS_378',
      internal
        ? "TLS terminates at the internal ALB; tasks serve plain HTTP on 3000 inside the VPC and admit only the ALB's security group"
        : 'public edge: TLS terminates at the ALB; tasks serve plain HTTP on 3000 inside private subnets',
    );

    this.httpsListener = new LbListener(this, 'https', {
      loadBalancerArn: this.lb.arn,
      port: PUBLIC_PORTS.https,
      protocol: 'HTTPS',
      sslPolicy: AWS_PLATFORM.albTlsPolicy,
      certificateArn: props.certificateArn,
      defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
    });
    if (internal) {
      this.vpcOrigin = new LoadBalancerVpcOrigin(this, 'vpc_origin', {
        name: props.vpcOriginName!,
        loadBalancerArn: this.lb.arn,
        vpcId: props.vpcId,
        dependsOn: props.vpcOriginDependsOn,
      });
    } else {
      new LbListener(this, 'http_redirect', {
        loadBalancerArn: this.lb.arn,
        port: PUBLIC_PORTS.http,
        protocol: 'HTTP',
        defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: String(PUBLIC_PORTS.https), statusCode: 'HTTP_301' } }],
      });
      if (!props.wafLogs) throw new Error(`${this.node.path}: an internet-facing ALB needs wafLogs for its web ACL`);
      const waf = originWebAcl(this, 'waf', props.name, props.wafLogs);
      new Wafv2WebAclAssociation(this, 'waf_association', { resourceArn: this.lb.arn, webAclArn: waf.arn });
    }

    this.dnsName = this.lb.dnsName;
    this.zoneId = this.lb.zoneId;
    this.endpoint = `https://${props.hostName}`;
    this.requestCountResourceLabel = `${this.lb.arnSuffix}/${this.targetGroup.arnSuffix}`;
  }
}
