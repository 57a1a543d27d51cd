import { Route } from '@cdktf/provider-aws/lib/route';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcPeeringConnectionAccepterA } from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter';
import type { CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';

/** One side of a peering: a region's VPC, its CIDR and the route tables of its workload and data subnets. */
export interface PeeringSide {
  readonly region: string;
  readonly vpcId: string;
  readonly cidr: string;
  readonly routeTableIds: readonly string[];
}

export interface RegionPeeringProps extends CommonProps {
  /** Name prefix, e.g. mockforge-production. */
  readonly name: string;
  /** This stack's region, which requests the peering. */
  readonly local: PeeringSide;
  /** A region whose stack is applied earlier (the primary, or an earlier secondary). */
  readonly peer: PeeringSide;
}

/**
 * Inter-region VPC peering between two regions of a tier, routed both ways, so each region's tasks
 * reach the other's PostgreSQL and Redis privately (the primary's writers now, a promoted region's
 * after a failover). The later stack owns both sides: the request in its own region and, through the
 * v6 provider's per-resource `region`, the acceptance and the routes in the peer's region, since the
 * earlier stack knows nothing of later ones. Routes name the VPC CIDRs; the security groups decide
 * which subnets may connect, and on which ports.
 * `tags` and `overrides` apply to the peering connection (`aws_vpc_peering_connection`).
 */
export class RegionPeering extends Construct {
  readonly connection: VpcPeeringConnection;
  readonly accepter: VpcPeeringConnectionAccepterA;
  /** The connection id once accepted: routes that name it wait for the acceptance. */
  readonly connectionId: string;

  constructor(scope: Construct, id: string, props: RegionPeeringProps) {
    super(scope, id);
    const { local, peer } = props;
    const tags = { Name: `${props.name}-${local.region}-${peer.region}` };
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
