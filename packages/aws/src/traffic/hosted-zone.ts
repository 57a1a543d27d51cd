import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { statefulLifecycle } from '@mockforge-infra/core';
import { Construct } from 'constructs';

/**
 * The public zone for one tier's hostname, created when config names no existing one
 * (`aws.hostedZoneId`). The parent domain delegates to its name servers.
 */
export class PublicHostedZone extends Construct {
  readonly zoneId: string;
  readonly nameServers: string[];

  /** `preventDestroy`: Terraform `prevent_destroy` on the zone (`TierProfile.preventDestroy`). */
  constructor(scope: Construct, id: string, props: { hostname: string; preventDestroy?: boolean }) {
    super(scope, id);
    const zone = new Route53Zone(this, 'zone', {
      name: props.hostname,
      comment: 'MockForge public zone',
      forceDestroy: false,
      lifecycle: statefulLifecycle(props.preventDestroy ?? false),
    });
    this.zoneId = zone.zoneId;
    this.nameServers = zone.nameServers;
  }
}
