import { DataGoogleComputeNetworkEndpointGroup } from '@cdktf/provider-google/lib/data-google-compute-network-endpoint-group';
import { MockforgeStack, GLOBAL_REGION, type PolicyEngine, type TargetContext } from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { ConfigStateBucket } from '../backup/config-state-bucket';
import { GlobalLoadBalancer } from '../load-balancing/global-load-balancer';
import { AvailabilityMonitoring } from '../monitoring/availability-monitoring';
import { gkeZones, podEndpointGroupName, resourceName } from '../naming';
import { addGoogleProvider } from '../provider';
import { GCP_STATEFUL_RESOURCE_TYPES } from '../stateful-types';
import { PublicDnsZone } from '../traffic/public-dns-zone';
import { gcpProject } from './project';
import type { GcpRegionalStack } from './regional-stack';

export interface GcpGlobalStackProps {
  readonly context: TargetContext;
  readonly policy?: PolicyEngine;
  /** Every regional stack of the tier; their serverless NEGs become the load balancer's backends. */
  readonly regions: readonly GcpRegionalStack[];
  /**
   * With compute `gke`, the workload stack of each region: its Service's standalone NEGs (one per
   * zone) become the backends. They exist only once that stack has applied, so this stack depends on it.
   * @default none
   */
  readonly workloads?: readonly GkeServingWorkload[];
}

/** A region whose GKE workload serves the public traffic. */
export interface GkeServingWorkload {
  readonly region: string;
  readonly stack: MockforgeStack;
}

/** `<tier>-gcp-global`: the global load balancer, Cloud CDN, Cloud Armor, DNS, uptime check and the config/state bucket. */
export class GcpGlobalStack extends MockforgeStack {
  readonly loadBalancer: GlobalLoadBalancer;
  readonly dns: PublicDnsZone;
  readonly bucket: ConfigStateBucket;

  constructor(scope: Construct, props: GcpGlobalStackProps) {
    const { context } = props;
    super(scope, {
      tier: context.tier,
      cloud: 'gcp',
      region: GLOBAL_REGION,
      backend: context.backend,
      policy: props.policy,
      protectedResourceTypes: context.profile.preventDestroy ? GCP_STATEFUL_RESOURCE_TYPES : undefined,
    });
    const project = gcpProject(context);
    addGoogleProvider(this, project, context.topology.primaryRegion);
    const endpointGroupIds = props.regions.flatMap((r) => (r.service ? [this.fromOtherStack(r.service.backendId)] : []));
    const podEndpointGroups = (props.workloads ?? []).flatMap(({ region, stack }) => {
      // The data sources fail to plan until the NEG controller has created the NEGs.
      this.addDependency(stack);
      return gkeZones(region).map(
        (zone) =>
          new DataGoogleComputeNetworkEndpointGroup(this, `pods-${zone}`, { name: podEndpointGroupName(context.tier, region), zone })
            .selfLink,
      );
    });
    this.loadBalancer = new GlobalLoadBalancer(this, 'edge', { context, project, endpointGroupIds, podEndpointGroups });
    const address = this.loadBalancer.address.address;
    this.dns = new PublicDnsZone(this, 'dns', { name: resourceName(context.tier), domain: context.hostname, address });
    new AvailabilityMonitoring(this, 'availability', { context, project, host: context.hostname });
    this.bucket = new ConfigStateBucket(this, 'config-bucket', { context, project });
    this.exportOutputs({
      config_bucket_name: { value: this.bucket.bucket.name, description: 'Configuration and state bucket' },
      load_balancer_ip: { value: address, description: 'Anycast address of the global load balancer' },
      load_balancer_dns_name: { value: this.dns.domainName, description: 'The name users resolve' },
      dns_zone_name_servers: {
        value: this.dns.zone.nameServers,
        description: 'Delegate the tier hostname to these from the parent domain',
      },
    });
  }
}
