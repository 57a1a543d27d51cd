import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import type { CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';

export interface VpcEndpointsProps extends CommonProps {
  readonly region: string;
  readonly vpcId: string;
  readonly routeTableIds: readonly string[];
  /** Interface endpoints (ECR, Logs, Secrets Manager) need subnets and a group. @default gateway only */
  readonly interfaceEndpoints?: { readonly subnetIds: readonly string[]; readonly securityGroupId: string };
}

const INTERFACE_SERVICES = ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager'] as const;

/**
 * S3 gateway endpoint (image layers, logs) and, when asked, private endpoints for AWS APIs.
 * `tags` apply to every endpoint; `overrides` to the S3 gateway endpoint (`s3`), the one always present.
 */
export class VpcEndpoints extends Construct {
  readonly s3: VpcEndpoint;

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    this.s3 = new VpcEndpoint(this, 's3', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...props.routeTableIds],
    });
    applyCommonProps(this.s3, props);
    const iface = props.interfaceEndpoints;
    if (!iface) return;
    for (const service of INTERFACE_SERVICES) {
      new VpcEndpoint(this, service.replace('.', '_'), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...iface.subnetIds],
        securityGroupIds: [iface.securityGroupId],
        tags: props.tags,
      });
    }
  }
}
