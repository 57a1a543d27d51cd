import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ServiceNetworkingConnection } from '@cdktf/provider-google/lib/service-networking-connection';
import {
  ANYWHERE_IPV4,
  INTERNAL_CIDR,
  PolicyEngine,
  PORTS,
  PUBLIC_EGRESS_REASON,
  type CommonProps,
  type TargetContext,
} from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { FIREWALL_PRIORITIES } from '../sizing';
import { addressPlan } from './address-plan';
import { GOOGLE_FRONT_END_RANGES, SERVICE_NETWORKING_API } from './google-ranges';

/** `tags` label the Private Service Access range (networks and firewall rules carry no labels); `overrides` apply to the network. */
export interface GcpVpcProps extends CommonProps {
  readonly context: TargetContext;
  /**
   * The Private Service Access range and peering, which Cloud SQL and Memorystore take their addresses from.
   * @default true
   */
  readonly privateServiceAccess?: boolean;
}

interface FirewallRule {
  readonly name: string;
  readonly description: string;
  readonly direction: 'INGRESS' | 'EGRESS';
  readonly ranges: readonly string[];
  readonly allow?: readonly { protocol: string; ports?: readonly number[] }[];
  readonly denyAll?: boolean;
}

/**
 * The tier's global VPC (custom mode), its firewall and Private Service Access. GCP networks are
 * global, so one regional stack (the primary region) owns it and the others refer to it.
 */
export class GcpVpc extends Construct {
  readonly network: ComputeNetwork;
  /** The allocated range Cloud SQL and Memorystore take their private IPs from; absent without `privateServiceAccess`. */
  readonly privateServiceRange?: ComputeGlobalAddress;
  readonly privateServiceConnection?: ServiceNetworkingConnection;

  constructor(scope: Construct, id: string, props: GcpVpcProps) {
    super(scope, id);
    const { context } = props;
    const policy = context.networkPolicy;
    this.network = new ComputeNetwork(this, 'network', {
      name: resourceName(context.tier),
      description: 'MockForge private network; one subnet per region',
      autoCreateSubnetworks: false,
      routingMode: 'GLOBAL',
    });

    const rules: FirewallRule[] = [
      {
        name: 'allow-internal',
        description: policy.internalIngress.description,
        direction: 'INGRESS',
        ranges: policy.internalIngress.cidrs,
        allow: [{ protocol: 'tcp', ports: policy.internalIngress.ports }],
      },
      {
        name: 'allow-load-balancer',
        description: `${policy.publicIngress.description}: the global load balancer and its health checks reach backends from Google front ends`,
        direction: 'INGRESS',
        ranges: GOOGLE_FRONT_END_RANGES,
        allow: [{ protocol: 'tcp', ports: [...policy.publicIngress.ports, PORTS.http] }],
      },
      {
        name: 'allow-egress',
        description: policy.egress.description,
        direction: 'EGRESS',
        ranges: policy.egress.cidrs,
        allow: [
          { protocol: 'tcp', ports: policy.egress.ports },
          { protocol: 'udp', ports: policy.egress.ports.filter((p) => p === 53) },
        ],
      },
      {
        name: 'allow-egress-internal',
        description: 'Inside the private network: database, cache, pods and nodes',
        direction: 'EGRESS',
        ranges: [INTERNAL_CIDR],
        allow: [{ protocol: 'all' }],
      },
      { name: 'deny-egress', description: 'Everything else out is denied', direction: 'EGRESS', ranges: [ANYWHERE_IPV4], denyAll: true },
    ];
    for (const rule of rules) {
      const firewall = new ComputeFirewall(this, rule.name, {
        name: resourceName(context.tier, rule.name),
        network: this.network.id,
        description: rule.description,
        direction: rule.direction,
        priority: rule.denyAll ? FIREWALL_PRIORITIES.denyAll : FIREWALL_PRIORITIES.allow,
        ...(rule.direction === 'INGRESS' ? { sourceRanges: [...rule.ranges] } : { destinationRanges: [...rule.ranges] }),
        ...(rule.denyAll
          ? { deny: [{ protocol: 'all' }] }
          : { allow: (rule.allow ?? []).map((a) => ({ protocol: a.protocol, ...(a.ports ? { ports: a.ports.map(String) } : {}) })) }),
        logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
      });
      if (rule.direction === 'EGRESS' && !rule.denyAll && rule.ranges.includes(ANYWHERE_IPV4)) {
        PolicyEngine.suppress(firewall, 'GCP-0035', PUBLIC_EGRESS_REASON);
      }
    }

    if (props.privateServiceAccess ?? true) {
      const primaryCidr = context.vpcCidrs[context.topology.primaryRegion]!;
      const [address, prefix] = addressPlan(primaryCidr).privateServiceAccess.split('/');
      this.privateServiceRange = new ComputeGlobalAddress(this, 'private-service-range', {
        name: resourceName(context.tier, 'private-services'),
        description: 'Private Service Access range for Cloud SQL and Memorystore',
        purpose: 'VPC_PEERING',
        addressType: 'INTERNAL',
        address,
        prefixLength: Number(prefix),
        network: this.network.id,
      });
      this.privateServiceConnection = new ServiceNetworkingConnection(this, 'private-service-connection', {
        network: this.network.id,
        service: SERVICE_NETWORKING_API,
        reservedPeeringRanges: [this.privateServiceRange.name],
        // Deleting the peering fails while Cloud SQL instances (kept by deletion protection) still use it.
        deletionPolicy: 'ABANDON',
      });
    }
    applyCommonProps(this, this.network, props);
  }
}
