import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { MockforgeStack, GLOBAL_REGION, type PolicyEngine, type TargetContext } from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { ConfigStateBucket } from '../backup/config-state-bucket';
import { GlobalLoadBalancer } from '../load-balancing/global-load-balancer';
import { AvailabilityMonitoring } from '../monitoring/availability-monitoring';
import { ingressAddressName, resourceName } from '../naming';
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
}

/** `<tier>-gcp-global`: the global load balancer, Cloud CDN, Cloud Armor, DNS, uptime check and the config/state bucket. */
export class GcpGlobalStack extends MockforgeStack {
  readonly loadBalancer?: GlobalLoadBalancer;
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
    let address: string;
    if (endpointGroupIds.length > 0) {
      this.loadBalancer = new GlobalLoadBalancer(this, 'edge', { context, project, endpointGroupIds });
      address = this.loadBalancer.address.address;
    } else {
      // GKE serves the traffic: its gce ingress builds the load balancer on this reserved address.
      address = new ComputeGlobalAddress(this, 'ingress-address', {
        name: ingressAddressName(context.tier),
        description: 'Address of the GKE ingress',
        addressType: 'EXTERNAL',
        ipVersion: 'IPV4',
      }).address;
    }
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
