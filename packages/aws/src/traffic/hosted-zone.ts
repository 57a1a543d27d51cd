import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Construct } from 'constructs';

/**
 * The public zone for one tier's hostname, created when config names no existing one
 * (`aws.hostedZoneId`). The parent domain delegates to its name servers.
 */
export class PublicHostedZone extends Construct {
  readonly zoneId: string;
  readonly nameServers: string[];

  constructor(scope: Construct, id: string, props: { hostname: string }) {
    super(scope, id);
    const zone = new Route53Zone(this, 'zone', { name: props.hostname, comment: 'MockForge public zone', forceDestroy: false });
    this.zoneId = zone.zoneId;
    this.nameServers = zone.nameServers;
  }
}
