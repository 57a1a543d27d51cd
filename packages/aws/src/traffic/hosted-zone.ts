import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import type { CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';

export interface PublicHostedZoneProps extends CommonProps {
  /** The tier's public hostname; the zone takes its name. */
  readonly hostname: string;
}

/**
 * The public zone for one tier's hostname, created when config names no existing one
 * (`aws.hostedZoneId`). The parent domain delegates to its name servers.
 * `tags` and `overrides` apply to the zone (`aws_route53_zone`).
 */
export class PublicHostedZone extends Construct {
  readonly zoneId: string;
  readonly nameServers: string[];

  constructor(scope: Construct, id: string, props: PublicHostedZoneProps) {
    super(scope, id);
    const zone = new Route53Zone(this, 'zone', {
      name: props.hostname,
      comment: 'MockForge public zone',
      forceDestroy: false,
    });
    applyCommonProps(zone, props);
    this.zoneId = zone.zoneId;
    this.nameServers = zone.nameServers;
  }
}
