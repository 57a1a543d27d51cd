import { Vpc } from '@cdktf/provider-digitalocean/lib/vpc';
import { VpcNatGateway } from '@cdktf/provider-digitalocean/lib/vpc-nat-gateway';
import type { CommonProps, RegionalNetwork, TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { NAT_GATEWAY } from '../sizing';

export interface DigitalOceanVpcProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly projectId: string;
  /**
   * A VPC NAT gateway for the DOKS nodes' egress. DOKS nodes use it only through the routing agent and a
   * Route resource (the workload stack), not from the VPC setting alone. @default false
   */
  readonly natGateway?: boolean;
}

/**
 * One region's VPC, from the tier's address plan (core's networkPlan). DigitalOcean VPCs have no
 * subnets: the whole range is one private network, so the subnet lists hold the VPC itself.
 */
export class DigitalOceanVpc extends Construct implements RegionalNetwork {
  readonly vpc: Vpc;
  readonly natGateway?: VpcNatGateway;
  /** The NAT gateway's private address in this VPC, the next hop of the DOKS nodes' default route. */
  readonly natGatewayIp?: string;
  readonly networkId: string;
  readonly cidr: string;
  readonly publicSubnetIds: readonly string[];
  readonly privateSubnetIds: readonly string[];
  readonly dataSubnetIds: readonly string[];

  constructor(scope: Construct, id: string, props: DigitalOceanVpcProps) {
    super(scope, id);
    const { context, region } = props;
    const cidr = context.vpcCidrs[region];
    if (!cidr) throw new Error(`no VPC range for digitalocean ${region} in tier ${context.tier}`);
    this.cidr = cidr;
    this.vpc = new Vpc(this, 'vpc', {
      name: resourceName(context.tier, region),
      region,
      ipRange: cidr,
      description: `MockForge ${context.tier} ${region}`,
    });
    if (props.natGateway) {
      this.natGateway = new VpcNatGateway(this, 'nat', {
        name: resourceName(context.tier, region, 'nat'),
        region,
        type: NAT_GATEWAY.type,
        size: NAT_GATEWAY.size,
        projectId: props.projectId,
        vpcs: [{ vpcUuid: this.vpc.id, defaultGateway: true }],
      });
      this.natGatewayIp = this.natGateway.vpcs.get(0).gatewayIp;
    }
    this.networkId = this.vpc.id;
    this.publicSubnetIds = [this.vpc.id];
    this.privateSubnetIds = [this.vpc.id];
    this.dataSubnetIds = [this.vpc.id];
    applyCommonProps(this, this.vpc, props);
  }
}
