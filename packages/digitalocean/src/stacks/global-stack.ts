import { GLOBAL_REGION, MockforgeStack, type PolicyEngine, type TargetContext } from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { ConfigBucket } from '../backup/config-bucket';
import { SpacesCdn } from '../cdn/spaces-cdn';
import { GlobalLoadBalancer } from '../load-balancing/global-load-balancer';
import { AvailabilityMonitoring } from '../monitoring/availability-monitoring';
import { fileInProject } from '../project/tier-project';
import { addDigitalOceanProvider } from '../provider';
import { SPACES_REGION_FOR } from '../sizing';
import { DIGITALOCEAN_STATEFUL_RESOURCE_TYPES } from '../stateful-types';
import { addressRecord } from '../traffic/dns';
import type { DigitalOceanRegionalStack } from './regional-stack';

export interface DigitalOceanGlobalStackProps {
  readonly context: TargetContext;
  readonly policy?: PolicyEngine;
  readonly regions: readonly DigitalOceanRegionalStack[];
}

/**
 * `<tier>-digitalocean-global`: the config bucket with its Spaces CDN, the uptime check, and the
 * public entry: on DOKS across regions a Global Load Balancer over the regional ones, on DOKS in one
 * region an A record for its load balancer. App Platform writes its own record into the domain.
 */
export class DigitalOceanGlobalStack extends MockforgeStack {
  readonly bucket: ConfigBucket;
  readonly cdn: SpacesCdn;
  readonly globalLoadBalancer?: GlobalLoadBalancer;

  constructor(scope: Construct, props: DigitalOceanGlobalStackProps) {
    const { context } = props;
    super(scope, {
      tier: context.tier,
      cloud: 'digitalocean',
      region: GLOBAL_REGION,
      backend: context.backend,
      policy: props.policy,
      protectedResourceTypes: context.profile.preventDestroy ? DIGITALOCEAN_STATEFUL_RESOURCE_TYPES : undefined,
    });
    addDigitalOceanProvider(this);
    const primary = props.regions[0]!;
    const projectId = this.fromOtherStack(primary.projectId);
    const domain = this.fromOtherStack(primary.domainName);
    const spacesRegion = SPACES_REGION_FOR[context.topology.primaryRegion] ?? context.topology.primaryRegion;
    this.bucket = new ConfigBucket(this, 'config-bucket', { context, region: spacesRegion });
    this.cdn = new SpacesCdn(this, 'cdn', { context, origin: this.bucket.bucket.bucketDomainName });
    // The certificate's DNS challenge needs the domain, which the primary stack creates.
    this.cdn.certificate.node.addDependency(this.bucket);
    this.addDependency(primary);
    new AvailabilityMonitoring(this, 'availability', { context });
    fileInProject(this, 'project-resources', projectId, [this.bucket.bucket.urn, this.bucket.logs.urn]);

    const balancers = props.regions.flatMap((r) => (r.loadBalancer ? [this.fromOtherStack(r.loadBalancer.loadBalancer.id)] : []));
    let entry: string | undefined;
    if (balancers.length > 1) {
      this.globalLoadBalancer = new GlobalLoadBalancer(this, 'edge', { context, projectId, targetLoadBalancerIds: balancers });
      entry = this.globalLoadBalancer.loadBalancer.ip;
    } else if (primary.loadBalancer) {
      entry = this.fromOtherStack(primary.loadBalancer.loadBalancer.ip);
      const domainName = context.config.digitalocean?.existingDomain ?? context.hostname;
      addressRecord(this, 'record', domain, context.hostname, domainName, entry);
    }
    this.exportOutputs({
      config_bucket_name: { value: this.bucket.bucket.name, description: 'Configuration and fixtures bucket (Spaces)' },
      config_bucket_key_id: { value: this.bucket.key.accessKey, description: 'Spaces access key id scoped to the bucket' },
      cdn_endpoint: { value: this.cdn.domainName, description: 'Spaces CDN custom domain' },
      ...(entry ? { load_balancer_ip: { value: entry, description: 'Public address of the tier' } } : {}),
    });
  }
}
