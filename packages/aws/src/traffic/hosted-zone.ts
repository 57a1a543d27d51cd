import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Construct } from 'constructs';

/** The public zone for `domain`, created when config names no existing one (`aws.hostedZoneId`). */
export class PublicHostedZone extends Construct {
  readonly zoneId: string;
  readonly nameServers: string[];

  constructor(scope: Construct, id: string, props: { domain: string }) {
    super(scope, id);
    const zone = new Route53Zone(this, 'zone', { name: props.domain, comment: 'MockForge public zone', forceDestroy: false });
    this.zoneId = zone.zoneId;
    this.nameServers = zone.nameServers;
  }
}
