import { Route } from '@cdktf/provider-aws/lib/route';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcPeeringConnectionAccepterA } from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter';
import type { CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';

/** One side of the peering: a VPC, its CIDR and the route tables that send traffic to the other side. */
export interface PeeringSide {
  readonly vpcId: string;
  readonly cidr: string;
  readonly routeTableIds: readonly string[];
}

export interface WriterPeeringProps extends CommonProps {
  /** Name prefix, e.g. mockforge-production. */
  readonly name: string;
  /** This region's VPC and the route tables its workloads use. */
  readonly local: PeeringSide;
  /** The primary region, whose VPC holds the writable database and cache, and its data subnets' route table. */
  readonly peer: PeeringSide & { readonly region: string };
}

/**
 * Inter-region VPC peering from a secondary region to the primary's VPC, so the secondary's tasks
 * reach the primary's writers privately. The secondary's stack owns both sides: the request in its
 * own region and, through the v6 provider's per-resource `region`, the acceptance and the return
 * routes in the primary's (the primary's stack is applied first and knows nothing of secondaries).
 * Routes name the VPC CIDRs; the security groups decide which subnets may connect.
 * `tags` and `overrides` apply to the peering connection (`aws_vpc_peering_connection`).
 */
export class WriterPeering extends Construct {
  readonly connection: VpcPeeringConnection;
  readonly accepter: VpcPeeringConnectionAccepterA;
  /** The connection id once accepted: routes that name it wait for the acceptance. */
  readonly connectionId: string;

  constructor(scope: Construct, id: string, props: WriterPeeringProps) {
    super(scope, id);
    const { local, peer } = props;
    const tags = { Name: `${props.name}-to-${peer.region}` };
    // A cross-region request cannot auto-accept; the accepter resource does it in the peer's region.
    this.connection = new VpcPeeringConnection(this, 'connection', {
      vpcId: local.vpcId,
      peerVpcId: peer.vpcId,
      peerRegion: peer.region,
      tags,
    });
    applyCommonProps(this.connection, props);
    this.accepter = new VpcPeeringConnectionAccepterA(this, 'accepter', {
      region: peer.region,
      vpcPeeringConnectionId: this.connection.id,
      autoAccept: true,
      tags,
    });
    this.connectionId = this.accepter.vpcPeeringConnectionId;

    local.routeTableIds.forEach(
      (routeTableId, i) =>
        new Route(this, `to_peer_${i}`, { routeTableId, destinationCidrBlock: peer.cidr, vpcPeeringConnectionId: this.connectionId }),
    );
    peer.routeTableIds.forEach(
      (routeTableId, i) =>
        new Route(this, `from_peer_${i}`, {
          region: peer.region,
          routeTableId,
          destinationCidrBlock: local.cidr,
          vpcPeeringConnectionId: this.connectionId,
        }),
    );
  }
}
