import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { NetworkSecurityGroup, type NetworkSecurityGroupSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-group';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import type { ITerraformDependable } from 'cdktf';
import {
  DNS_PORT,
  NETWORK_POLICY,
  PolicyEngine,
  PUBLIC_EGRESS_REASON,
  PUBLIC_PORTS,
  type CommonProps,
  type RegionalNetwork,
  type TargetContext,
} from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { addressPlan } from './address-plan';

/** Private DNS zones the region's private endpoints and PostgreSQL register in. */
export const PRIVATE_DNS_ZONES = {
  keyVault: 'privatelink.vaultcore.azure.net',
  redis: 'privatelink.redis.azure.net',
} as const;

export interface AzureVnetProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly resourceGroupName: string;
  /** Adds the AKS node subnet. */
  readonly aks: boolean;
  /** Adds the Container Apps environment subnet (delegated to Microsoft.App/environments). */
  readonly containerApps: boolean;
  /** The Container Apps environment takes public HTTPS itself (no Front Door): its subnet admits 443/80 from the internet. */
  readonly publicIngress: boolean;
  /** A NAT gateway gives the workload subnets one fixed egress address; without it the platform's own outbound serves. */
  readonly nat: boolean;
  /** Adds the PostgreSQL subnet (delegated) and its private DNS zone. */
  readonly database: boolean;
}

/**
 * The ports the environment edge proxy of a workload-profiles environment answers on behind 443 and 80
 * (the load balancer forwards to them, so an NSG sees these), from Container Apps' NSG guidance.
 */
export const CONTAINER_APPS_EDGE_PORTS = { https: 31443, http: 31080 } as const;

/** Why a public Container Apps subnet admits HTTPS and HTTP from the internet (MF_AZ_NET_1). */
export const PUBLIC_INGRESS_REASON =
  "single-region dev and staging serve HTTPS from the Container Apps environment itself, without Front Door (its Premium base fee is $330 a month); only 443 and 80 (redirected to HTTPS) and the edge proxy's 31443 and 31080 behind them are open, and the mock and admin ports stay private. On an external environment inbound traffic arrives through the public IP in the environment's managed resource group, not through this subnet, so this NSG is not the screen";

/**
 * The region's VNet from the tier's network plan: subnets for Container Apps (or AKS nodes), private
 * endpoints and PostgreSQL (delegated, where the tier has a database); NSGs carrying the guide's
 * network policy; a NAT gateway for fixed egress where asked (default outbound access is off, so
 * without it the Container Apps environment egresses through its own platform-managed address);
 * and private DNS zones linked to the VNet.
 */
export class AzureVnet extends Construct implements RegionalNetwork {
  readonly vnet: VirtualNetwork;
  readonly networkId: string;
  readonly cidr: string;
  readonly appsSubnet?: Subnet;
  readonly aksSubnet?: Subnet;
  readonly endpointsSubnet: Subnet;
  /** The database's subnet and zone: absent where the tier has no managed PostgreSQL. */
  readonly postgresSubnet?: Subnet;
  readonly postgresDnsZone?: PrivateDnsZone;
  /** PostgreSQL with private access needs its zone linked before it is created. */
  readonly postgresDnsLink?: PrivateDnsZoneVirtualNetworkLink;
  readonly dnsZones: Readonly<Record<keyof typeof PRIVATE_DNS_ZONES, PrivateDnsZone>>;
  readonly publicSubnetIds: readonly string[] = [];
  readonly privateSubnetIds: readonly string[];
  readonly dataSubnetIds: readonly string[];
  /** Each subnet's NSG and NAT gateway associations: what runs in a subnet waits for them. */
  readonly associations: Record<string, ITerraformDependable[]> = {};

  constructor(scope: Construct, id: string, props: AzureVnetProps) {
    super(scope, id);
    const { context, region, resourceGroupName: rg } = props;
    this.cidr = context.vpcCidrs[region]!;
    const plan = addressPlan(this.cidr);
    const name = resourceName(context.tier, region);
    this.vnet = new VirtualNetwork(this, 'vnet', { name, location: region, resourceGroupName: rg, addressSpace: [this.cidr] });
    this.networkId = this.vnet.id;
    let nat: NatGateway | undefined;
    if (props.nat) {
      const ip = new PublicIp(this, 'nat-ip', {
        name: `${name}-nat`,
        location: region,
        resourceGroupName: rg,
        allocationMethod: 'Static',
        sku: 'Standard',
        zones: context.profile.highlyAvailable ? ['1', '2', '3'] : undefined,
      });
      nat = new NatGateway(this, 'nat', { name: `${name}-nat`, location: region, resourceGroupName: rg, skuName: 'Standard' });
      new NatGatewayPublicIpAssociation(this, 'nat-ip-association', { natGatewayId: nat.id, publicIpAddressId: ip.id });
    }

    const subnet = (key: string, cidr: string, extra: Partial<ConstructorParameters<typeof Subnet>[2]> = {}) =>
      new Subnet(this, `${key}-subnet`, {
        name: key,
        resourceGroupName: rg,
        virtualNetworkName: this.vnet.name,
        addressPrefixes: [cidr],
        defaultOutboundAccessEnabled: false,
        ...extra,
      });
    if (props.containerApps) {
      const workloadNsg = this.nsg('workload', `${name}-workload`, region, rg, [
        ...workloadRules(!props.publicIngress),
        ...(props.publicIngress ? [publicIngressRule()] : []),
      ]);
      if (props.publicIngress) PolicyEngine.suppress(workloadNsg, 'MF_AZ_NET_1', PUBLIC_INGRESS_REASON);
      this.appsSubnet = subnet('apps', plan.apps, {
        // Without a NAT gateway the subnet keeps Azure's default outbound access for the environment's egress.
        defaultOutboundAccessEnabled: !nat,
        delegation: [
          {
            name: 'container-apps',
            serviceDelegation: { name: 'Microsoft.App/environments', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] },
          },
        ],
      });
      this.attach('apps', this.appsSubnet, workloadNsg, nat);
    }
    if (props.aks) {
      // The cloud provider turns these policies off when it creates the edge Private Link Service; the default would undo it.
      this.aksSubnet = subnet('aks', plan.aks, { privateLinkServiceNetworkPoliciesEnabled: false });
      // AKS nodes also need NTP and the platform's own ports out; pod egress is enforced by Cilium policy.
      const aksNsg = this.nsg(
        'aks',
        `${name}-aks`,
        region,
        rg,
        workloadRules(true).filter((r) => r.direction === 'Inbound'),
      );
      this.attach('aks', this.aksSubnet, aksNsg, nat);
    }
    this.endpointsSubnet = subnet('endpoints', plan.endpoints, { privateEndpointNetworkPolicies: 'Enabled' });
    this.attach('endpoints', this.endpointsSubnet, this.nsg('endpoints', `${name}-endpoints`, region, rg, dataRules()));
    if (props.database) {
      this.postgresSubnet = subnet('postgres', plan.postgres, {
        delegation: [
          {
            name: 'postgres',
            serviceDelegation: {
              name: 'Microsoft.DBforPostgreSQL/flexibleServers',
              actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
            },
          },
        ],
      });
      this.attach('postgres', this.postgresSubnet, this.nsg('postgres', `${name}-postgres`, region, rg, dataRules()));
    }

    const links: Record<string, PrivateDnsZoneVirtualNetworkLink> = {};
    const zone = (key: string, zoneName: string) => {
      const z = new PrivateDnsZone(this, `${key}-dns`, { name: zoneName, resourceGroupName: rg });
      links[key] = new PrivateDnsZoneVirtualNetworkLink(this, `${key}-dns-link`, {
        name,
        resourceGroupName: rg,
        privateDnsZoneName: z.name,
        virtualNetworkId: this.vnet.id,
      });
      return z;
    };
    if (props.database) {
      // A Flexible Server's private zone must end in .postgres.database.azure.com; one per region and tier.
      this.postgresDnsZone = zone('postgres', `${name}.private.postgres.database.azure.com`);
      this.postgresDnsLink = links.postgres!;
    }
    this.dnsZones = { keyVault: zone('key-vault', PRIVATE_DNS_ZONES.keyVault), redis: zone('redis', PRIVATE_DNS_ZONES.redis) };
    this.privateSubnetIds = [this.appsSubnet?.id, this.aksSubnet?.id].filter((s): s is string => s !== undefined);
    this.dataSubnetIds = [this.endpointsSubnet.id, ...(this.postgresSubnet ? [this.postgresSubnet.id] : [])];
    applyCommonProps(this, this.vnet, props);
  }

  private nsg(key: string, name: string, region: string, rg: string, rules: NetworkSecurityGroupSecurityRule[]) {
    const group = new NetworkSecurityGroup(this, `${key}-nsg`, { name, location: region, resourceGroupName: rg, securityRule: rules });
    if (rules.some((r) => r.direction === 'Outbound' && r.destinationAddressPrefix === 'Internet'))
      PolicyEngine.suppress(group, 'MF_AZ_NET_2', PUBLIC_EGRESS_REASON);
    return group;
  }

  private attach(key: string, subnet: Subnet, nsg: NetworkSecurityGroup, nat?: NatGateway) {
    const made: ITerraformDependable[] = [
      new SubnetNetworkSecurityGroupAssociation(this, `${key}-nsg-association`, { subnetId: subnet.id, networkSecurityGroupId: nsg.id }),
    ];
    if (nat) made.push(new SubnetNatGatewayAssociation(this, `${key}-nat-association`, { subnetId: subnet.id, natGatewayId: nat.id }));
    this.associations[key] = made;
  }
}

const rule = (r: NetworkSecurityGroupSecurityRule): NetworkSecurityGroupSecurityRule => ({ sourcePortRange: '*', ...r });

/**
 * HTTPS and HTTP from the internet to a public Container Apps environment (its own ingress redirects
 * HTTP to HTTPS), on 443 and 80 and the edge proxy's ports behind them.
 */
export function publicIngressRule(): NetworkSecurityGroupSecurityRule {
  return rule({
    name: 'public-ingress',
    description: 'HTTPS and HTTP from the internet to the environment ingress and its edge proxy (no Front Door in front)',
    priority: 130,
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    sourceAddressPrefix: 'Internet',
    destinationAddressPrefix: 'VirtualNetwork',
    destinationPortRanges: [PUBLIC_PORTS.https, PUBLIC_PORTS.http, CONTAINER_APPS_EDGE_PORTS.https, CONTAINER_APPS_EDGE_PORTS.http].map(
      String,
    ),
  });
}

/**
 * The guide's network policy on the workload subnets: mock and admin traffic from the private
 * network, HTTPS/HTTP from the VNet (the internal load balancer and, with `frontDoor`, Front Door's
 * private link land there), nothing else from the internet; HTTPS, HTTP and DNS out, the VNet's data
 * services, and no other internet egress.
 */
export function workloadRules(frontDoor: boolean): NetworkSecurityGroupSecurityRule[] {
  const internal = NETWORK_POLICY.internalIngress;
  const egress = NETWORK_POLICY.egress;
  return [
    rule({
      name: 'internal-ingress',
      description: internal.description,
      priority: 100,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceAddressPrefixes: [...internal.cidrs],
      destinationAddressPrefix: 'VirtualNetwork',
      destinationPortRanges: internal.ports.map(String),
    }),
    rule({
      name: 'load-balancer-ingress',
      description: frontDoor
        ? 'HTTPS and HTTP from the internal load balancer and Front Door private link, inside the VNet'
        : "HTTPS and HTTP from inside the VNet through the environment's load balancer",
      priority: 110,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceAddressPrefix: 'VirtualNetwork',
      destinationAddressPrefix: 'VirtualNetwork',
      destinationPortRanges: [String(PUBLIC_PORTS.https), String(PUBLIC_PORTS.http)],
    }),
    rule({
      name: 'azure-load-balancer-probes',
      description: 'Health probes of the Azure load balancer',
      priority: 120,
      direction: 'Inbound',
      access: 'Allow',
      protocol: '*',
      sourceAddressPrefix: 'AzureLoadBalancer',
      destinationAddressPrefix: '*',
      destinationPortRange: '*',
    }),
    rule({
      name: 'deny-internet-ingress',
      description: 'Nothing else from the internet',
      priority: 4000,
      direction: 'Inbound',
      access: 'Deny',
      protocol: '*',
      sourceAddressPrefix: 'Internet',
      destinationAddressPrefix: '*',
      destinationPortRange: '*',
    }),
    rule({
      name: 'internet-egress',
      description: egress.description,
      priority: 100,
      direction: 'Outbound',
      access: 'Allow',
      protocol: '*',
      sourceAddressPrefix: 'VirtualNetwork',
      destinationAddressPrefix: 'Internet',
      destinationPortRanges: [...new Set([...egress.ports, DNS_PORT])].map(String),
    }),
    rule({
      name: 'deny-internet-egress',
      description: 'No other port to the internet',
      priority: 4000,
      direction: 'Outbound',
      access: 'Deny',
      protocol: '*',
      sourceAddressPrefix: '*',
      destinationAddressPrefix: 'Internet',
      destinationPortRange: '*',
    }),
  ];
}

/** Data subnets (private endpoints, PostgreSQL): reachable from the private network only. */
export function dataRules(): NetworkSecurityGroupSecurityRule[] {
  return [
    rule({
      name: 'private-network-ingress',
      description: 'Database, cache and vault traffic from the private network',
      priority: 100,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceAddressPrefixes: [...NETWORK_POLICY.internalIngress.cidrs],
      destinationAddressPrefix: 'VirtualNetwork',
      destinationPortRange: '*',
    }),
    rule({
      name: 'deny-internet-ingress',
      description: 'Nothing from the internet',
      priority: 4000,
      direction: 'Inbound',
      access: 'Deny',
      protocol: '*',
      sourceAddressPrefix: 'Internet',
      destinationAddressPrefix: '*',
      destinationPortRange: '*',
    }),
  ];
}
