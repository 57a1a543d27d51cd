import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { ANYWHERE_IPV4, type CommonProps, type RegionalNetwork } from '@mockforge-infra/core';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { encryptedLogGroup } from '../monitoring/log-group';
import { applyCommonProps } from '../shared/common-props';
import { ServiceRole } from '../shared/iam';
import { AWS_UNSUPPORTED_ZONE_IDS } from '../sizing';
import { subnetCidr, type SubnetTier } from './subnet-plan';

export interface VpcNetworkProps extends CommonProps {
  /** Prefix for names, e.g. mockforge-production. */
  readonly name: string;
  /** Prefix for account-wide names (IAM), e.g. mockforge-production-us-east-1. */
  readonly globalName: string;
  /** The VPC's region: its zones where VPC origins or Fargate do not run are left out. */
  readonly region: string;
  readonly cidr: string;
  /** @default 3 */
  readonly availabilityZones?: number;
  /**
   * NAT gateways, at most one per AZ; 0 leaves the private subnets without a route out, for a tier
   * whose tasks egress through their own public IP. @default one per AZ
   */
  readonly natGateways?: number;
  /** Encrypts the flow-log group. */
  readonly kmsKeyArn: string;
}

/**
 * A VPC with public, private-app and private-data subnets across AZs, NAT for the app subnets,
 * no route out of the data subnets, flow logs, and the default security group emptied.
 * `tags` and `overrides` apply to the VPC (`aws_vpc`).
 */
export class VpcNetwork extends Construct implements RegionalNetwork {
  readonly vpc: Vpc;
  readonly networkId: string;
  readonly cidr: string;
  readonly availabilityZoneNames: readonly string[];
  readonly publicSubnetIds: string[] = [];
  readonly privateSubnetIds: string[] = [];
  readonly dataSubnetIds: string[] = [];
  readonly dataSubnetCidrs: string[] = [];
  readonly privateSubnetCidrs: string[] = [];
  /** Route tables of the private and data subnets, for gateway endpoints. */
  readonly privateRouteTableIds: string[] = [];
  /** Route tables of the private app subnets, one per AZ. */
  readonly appRouteTableIds: string[] = [];
  readonly publicRouteTableId: string;
  /** The one route table of the data subnets. */
  readonly dataRouteTableId: string;
  /** NAT gateways created; 0 when the private subnets have no route to the internet. */
  readonly natGatewayCount: number;
  /** CloudFront VPC origins need it attached before they are created. */
  readonly internetGateway: InternetGateway;

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    const azCount = props.availabilityZones ?? 3;
    const natCount = Math.min(props.natGateways ?? azCount, azCount);
    this.natGatewayCount = natCount;
    this.cidr = props.cidr;
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: props.name },
    });
    applyCommonProps(this.vpc, props);
    this.networkId = this.vpc.id;

    // Zones from the region itself; Local and Wavelength zones (opt-in) and zones without VPC origins or Fargate are left out.
    const unsupported = AWS_UNSUPPORTED_ZONE_IDS[props.region];
    const zones = new DataAwsAvailabilityZones(this, 'zones', {
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
      ...(unsupported ? { excludeZoneIds: [...unsupported] } : {}),
    });
    this.availabilityZoneNames = Array.from({ length: azCount }, (_, i) => Fn.element(zones.names, i));

    new DefaultSecurityGroup(this, 'default_security_group', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${props.name}-default-unused` },
    });

    const igw = new InternetGateway(this, 'internet_gateway', { vpcId: this.vpc.id, tags: { Name: props.name } });
    this.internetGateway = igw;
    const publicRoutes = new RouteTable(this, 'public_routes', { vpcId: this.vpc.id, tags: { Name: `${props.name}-public` } });
    new Route(this, 'public_default_route', { routeTableId: publicRoutes.id, destinationCidrBlock: ANYWHERE_IPV4, gatewayId: igw.id });
    const dataRoutes = new RouteTable(this, 'data_routes', { vpcId: this.vpc.id, tags: { Name: `${props.name}-data` } });
    this.publicRouteTableId = publicRoutes.id;
    this.dataRouteTableId = dataRoutes.id;

    const make = (tier: SubnetTier, az: number): Subnet => {
      const cidr = subnetCidr(props.cidr, tier, az);
      return new Subnet(this, `${tier}_${az}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: this.availabilityZoneNames[az],
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-${tier}-${az}`, tier },
      });
    };

    const nats: NatGateway[] = [];
    for (let az = 0; az < azCount; az += 1) {
      const pub = make('public', az);
      this.publicSubnetIds.push(pub.id);
      new RouteTableAssociation(this, `public_${az}_routes`, { subnetId: pub.id, routeTableId: publicRoutes.id });
      if (az < natCount) {
        const eip = new Eip(this, `nat_${az}_ip`, { domain: 'vpc', tags: { Name: `${props.name}-nat-${az}` } });
        nats.push(
          new NatGateway(this, `nat_${az}`, {
            allocationId: eip.allocationId,
            subnetId: pub.id,
            tags: { Name: `${props.name}-nat-${az}` },
            dependsOn: [igw],
          }),
        );
      }
    }
    for (let az = 0; az < azCount; az += 1) {
      const priv = make('private', az);
      this.privateSubnetIds.push(priv.id);
      this.privateSubnetCidrs.push(subnetCidr(props.cidr, 'private', az));
      const routes = new RouteTable(this, `private_${az}_routes`, { vpcId: this.vpc.id, tags: { Name: `${props.name}-private-${az}` } });
      if (nats.length > 0) {
        new Route(this, `private_${az}_default_route`, {
          routeTableId: routes.id,
          destinationCidrBlock: ANYWHERE_IPV4,
          natGatewayId: nats[az % nats.length]!.id,
        });
      }
      new RouteTableAssociation(this, `private_${az}_association`, { subnetId: priv.id, routeTableId: routes.id });
      this.privateRouteTableIds.push(routes.id);
      this.appRouteTableIds.push(routes.id);

      const data = make('data', az);
      this.dataSubnetIds.push(data.id);
      this.dataSubnetCidrs.push(subnetCidr(props.cidr, 'data', az));
      new RouteTableAssociation(this, `data_${az}_association`, { subnetId: data.id, routeTableId: dataRoutes.id });
    }
    this.privateRouteTableIds.push(dataRoutes.id);

    const flowLogGroup = encryptedLogGroup(this, 'flow_log_group', `/aws/vpc/${props.name}/flow-logs`, props.kmsKeyArn);
    const flowLogRole = new ServiceRole(this, 'flow_log_role', {
      name: `${props.globalName}-flow-logs`,
      services: ['vpc-flow-logs.amazonaws.com'],
      statements: [
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [flowLogGroup.arn, `${flowLogGroup.arn}:*`],
        },
      ],
    });
    new FlowLog(this, 'flow_log', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: flowLogGroup.arn,
      iamRoleArn: flowLogRole.arn,
      maxAggregationInterval: 60,
    });
  }
}
