import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import type { CommonProps, RegionalNetwork, TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { FLOW_LOGS } from '../sizing';
import { addressPlan } from './address-plan';

export const POD_RANGE_NAME = 'pods';
export const SERVICE_RANGE_NAME = 'services';

/** Subnets, routers and NAT carry no labels: `tags` have nothing to label; `overrides` apply to the subnet. */
export interface GcpRegionalNetworkProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  /** The tier's VPC (`GcpVpc.network.id`), possibly from another stack. */
  readonly networkId: string;
}

/**
 * One region's share of the VPC: a private subnet (private Google access, flow logs, GKE
 * secondary ranges), and Cloud Router + Cloud NAT for outbound traffic without public IPs.
 */
export class GcpRegionalNetwork extends Construct implements RegionalNetwork {
  readonly subnet: ComputeSubnetwork;
  readonly networkId: string;
  readonly cidr: string;
  readonly publicSubnetIds: readonly string[] = [];
  readonly privateSubnetIds: readonly string[];
  /** Data services live in the Private Service Access range, not in subnets. */
  readonly dataSubnetIds: readonly string[] = [];

  constructor(scope: Construct, id: string, props: GcpRegionalNetworkProps) {
    super(scope, id);
    const { context, region } = props;
    this.cidr = context.vpcCidrs[region]!;
    const plan = addressPlan(this.cidr);
    this.networkId = props.networkId;
    this.subnet = new ComputeSubnetwork(this, 'subnet', {
      name: resourceName(context.tier, region),
      description: `MockForge workloads in ${region}`,
      network: props.networkId,
      region,
      ipCidrRange: plan.nodes,
      privateIpGoogleAccess: true,
      logConfig: { ...FLOW_LOGS },
      secondaryIpRange: [
        { rangeName: POD_RANGE_NAME, ipCidrRange: plan.pods },
        { rangeName: SERVICE_RANGE_NAME, ipCidrRange: plan.services },
      ],
    });
    this.privateSubnetIds = [this.subnet.id];
    const router = new ComputeRouter(this, 'router', { name: resourceName(context.tier, region), network: props.networkId, region });
    new ComputeRouterNat(this, 'nat', {
      name: resourceName(context.tier, region),
      router: router.name,
      region,
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
      logConfig: { enable: true, filter: 'ERRORS_ONLY' },
    });
    applyCommonProps(this, this.subnet, props);
  }
}
