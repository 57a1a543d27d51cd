import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import type { CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';

export interface VpcEndpointsProps extends CommonProps {
  readonly region: string;
  readonly vpcId: string;
  readonly routeTableIds: readonly string[];
  /** Interface endpoints (ECR, Logs, Secrets Manager) need subnets and a group. @default gateway only */
  readonly interfaceEndpoints?: { readonly subnetIds: readonly string[]; readonly securityGroupId: string };
}

const INTERFACE_SERVICES = ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager'] as const;

/** S3 gateway endpoint (image layers, logs) and, when asked, private endpoints for AWS APIs. */
export class VpcEndpoints extends Construct {
  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    new VpcEndpoint(this, 's3', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...props.routeTableIds],
    });
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
      });
    }
  }
}
