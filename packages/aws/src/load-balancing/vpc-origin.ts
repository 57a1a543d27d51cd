import { CloudfrontVpcOrigin } from '@cdktf/provider-aws/lib/cloudfront-vpc-origin';
import { DataAwsSecurityGroup } from '@cdktf/provider-aws/lib/data-aws-security-group';
import { PUBLIC_PORTS, type CommonProps } from '@mockforge-infra/core';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';
import { AWS_PLATFORM } from '../sizing';

export interface LoadBalancerVpcOriginProps extends CommonProps {
  /** The VPC origin's name (letters, digits, `-` and `_`). */
  readonly name: string;
  /** The internal ALB CloudFront reaches. */
  readonly loadBalancerArn: string;
  /** The ALB's VPC, where CloudFront creates its origin-facing security group. */
  readonly vpcId: string;
  /** Created first: the VPC's internet gateway, without which CloudFront refuses a VPC origin. @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * A CloudFront VPC origin for an internal ALB: CloudFront places its own network interfaces in the
 * ALB's subnets and connects over HTTPS (TLS 1.2), so the ALB needs no public address. CloudFront
 * also creates `CloudFront-VPCOrigins-Service-SG` in the VPC when the first VPC origin exists;
 * `serviceSecurityGroupId` reads it, so the ALB can admit this account's CloudFront and nothing else.
 * `tags` and `overrides` apply to the VPC origin (`aws_cloudfront_vpc_origin`).
 */
export class LoadBalancerVpcOrigin extends Construct {
  readonly vpcOrigin: CloudfrontVpcOrigin;
  readonly id: string;
  /** The group of CloudFront's origin-facing interfaces in this VPC. */
  readonly serviceSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: LoadBalancerVpcOriginProps) {
    super(scope, id);
    this.vpcOrigin = new CloudfrontVpcOrigin(this, 'origin', {
      vpcOriginEndpointConfig: [
        {
          name: props.name,
          arn: props.loadBalancerArn,
          // The ALB has no HTTP listener; CloudFront requires the port and never uses it under https-only.
          httpPort: PUBLIC_PORTS.http,
          httpsPort: PUBLIC_PORTS.https,
          originProtocolPolicy: 'https-only',
          originSslProtocols: [
            { items: [...AWS_PLATFORM.cloudFrontOriginSslProtocols], quantity: AWS_PLATFORM.cloudFrontOriginSslProtocols.length },
          ],
        },
      ],
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    applyCommonProps(this.vpcOrigin, props);
    this.id = this.vpcOrigin.id;
    // The group exists only once CloudFront has created the origin's interfaces.
    const group = new DataAwsSecurityGroup(this, 'service_group', {
      name: AWS_PLATFORM.cloudFrontVpcOriginSecurityGroup,
      vpcId: props.vpcId,
      dependsOn: [this.vpcOrigin],
    });
    this.serviceSecurityGroupId = group.id;
  }
}
