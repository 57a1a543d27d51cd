import { DataDigitaloceanKubernetesVersions } from '@cdktf/provider-digitalocean/lib/data-digitalocean-kubernetes-versions';
import { Firewall } from '@cdktf/provider-digitalocean/lib/firewall';
import { KubernetesCluster } from '@cdktf/provider-digitalocean/lib/kubernetes-cluster';
import { Token } from 'cdktf';
import {
  DNS_PORT,
  HA_MINIMUMS,
  NETWORK_POLICY,
  PolicyEngine,
  PUBLIC_EGRESS_REASON,
  type CommonProps,
  type TargetContext,
} from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { nodeSizingLabels, planNodePool, workloadDemand, type NodePoolPlan } from '@mockforge-infra/kubernetes';
import { applyCommonProps } from '../common';
import { maintenanceSlot } from '../database/managed-postgres';
import { resourceName } from '../naming';
import { DIGITALOCEAN_SIZES, DOKS, DOKS_NODE_RESERVE, DOKS_NODE_SHAPES, MAINTENANCE_SLOTS } from '../sizing';

export interface DoksClusterProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** The node tags (references to `digitalocean_tag`): the tier's and this region's. */
  readonly tierTagName: string;
  readonly regionTagName: string;
  /** The managed databases the nodes reach: port (from their outputs) and the VPC range they sit in. */
  readonly dataRoutes: readonly { readonly port: number; readonly cidr: string }[];
}

/** The fewest nodes a pool keeps: the tier's HA minimum, so one lost Droplet never takes every pod. */
export function doksFloorNodes(context: TargetContext): number {
  if (context.tier === 'production') return HA_MINIMUMS.production.instancesPerRegion;
  return context.profile.highlyAvailable ? HA_MINIMUMS.minimum.instancesPerRegion : 1;
}

/**
 * The node pool that follows from the workload: the smallest Droplet of the size's family that holds
 * one MockForge pod after DOKS's reservations, enough nodes for the HPAs' minimum pods (at least the
 * tier's HA floor) and for their maximum plus the rolling-update surge.
 */
export function doksNodePlan(context: TargetContext): NodePoolPlan {
  const shapes = DOKS_NODE_SHAPES[DIGITALOCEAN_SIZES[context.profile.size].doksNodeFamily];
  return planNodePool(shapes, DOKS_NODE_RESERVE, workloadDemand(context), doksFloorNodes(context));
}

/**
 * A DOKS cluster in the region's VPC: HA control plane in staging and production, auto-upgrade with
 * surge upgrades in the seed's maintenance window, an autoscaling node pool sized from the pods
 * (`doksNodePlan`, labelled for MF_DIO_6/7), a control-plane firewall admitting the
 * VPC and `digitalocean.doksAllowedCidrs`, and a node firewall carrying the guide's network policy.
 */
export class DoksCluster extends Construct {
  readonly cluster: KubernetesCluster;
  readonly nodeFirewall: Firewall;
  readonly nodePlan: NodePoolPlan;

  constructor(scope: Construct, id: string, props: DoksClusterProps) {
    super(scope, id);
    const { context, region } = props;
    const versions = new DataDigitaloceanKubernetesVersions(this, 'versions', { versionPrefix: DOKS.versionPrefix });
    const window = maintenanceSlot(context.database.maintenanceWindow, MAINTENANCE_SLOTS.doks);
    this.nodePlan = doksNodePlan(context);
    this.cluster = new KubernetesCluster(this, 'cluster', {
      name: resourceName(context.tier, region),
      region,
      version: versions.latestVersion,
      vpcUuid: props.vpcId,
      ha: context.profile.highlyAvailable,
      autoUpgrade: true,
      surgeUpgrade: true,
      maintenancePolicy: { day: window.day, startTime: window.time },
      // The managed routing agent installs the Route resource the workload stack points at the NAT gateway.
      routingAgent: { enabled: true },
      controlPlaneFirewall: { enabled: true, allowedAddresses: [props.vpcCidr, ...(context.config.digitalocean?.doksAllowedCidrs ?? [])] },
      nodePool: {
        name: resourceName(context.tier, region, 'pool'),
        size: this.nodePlan.machine.name,
        autoScale: true,
        minNodes: this.nodePlan.minNodes,
        maxNodes: this.nodePlan.maxNodes,
        labels: nodeSizingLabels(workloadDemand(context)),
        tags: [props.tierTagName, props.regionTagName],
      },
    });
    const port = (p: number | string) => (Token.isUnresolved(p) ? Token.asString(p) : String(p));
    const egress = NETWORK_POLICY.egress;
    // No inbound rules: pods are not on the host network, so the guide's internal ports (3000, 9080) are the
    // NetworkPolicies' to open; DOKS's own firewall admits the load balancer to the NodePorts.
    this.nodeFirewall = new Firewall(this, 'node-firewall', {
      name: resourceName(context.tier, region, 'nodes'),
      tags: [props.regionTagName],
      outboundRule: [
        ...egress.ports.map((p) => ({ protocol: 'tcp', portRange: port(p), destinationAddresses: [...egress.cidrs] })),
        { protocol: 'udp', portRange: port(DNS_PORT), destinationAddresses: [...egress.cidrs] },
        ...props.dataRoutes.map((r) => ({ protocol: 'tcp', portRange: port(r.port), destinationAddresses: [r.cidr] })),
      ],
    });
    PolicyEngine.suppress(this.nodeFirewall, 'DIG-0003', PUBLIC_EGRESS_REASON);
    applyCommonProps(this, this.cluster, props);
  }
}
