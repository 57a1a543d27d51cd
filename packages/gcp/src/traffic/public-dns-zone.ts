import { DnsManagedZone } from '@cdktf/provider-google/lib/dns-managed-zone';
import { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';
import type { CommonProps, GlobalTraffic } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { DNS_RECORD_TTL_SECONDS } from '../sizing';

export interface PublicDnsZoneProps extends CommonProps {
  readonly name: string;
  /** The name users resolve, e.g. mocks.example.com. */
  readonly domain: string;
  /** The load balancer's anycast address. */
  readonly address: string;
}

/**
 * The public zone for the domain, signed with DNSSEC, and its A record to the anycast address.
 * One record is enough: the global load balancer routes each client to the nearest region.
 */
export class PublicDnsZone extends Construct implements GlobalTraffic {
  readonly zone: DnsManagedZone;
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: PublicDnsZoneProps) {
    super(scope, id);
    this.zone = new DnsManagedZone(this, 'zone', {
      name: props.name,
      dnsName: `${props.domain}.`,
      description: 'MockForge public zone',
      visibility: 'public',
      dnssecConfig: { state: 'on' },
      cloudLoggingConfig: { enableLogging: true },
    });
    new DnsRecordSet(this, 'apex', {
      managedZone: this.zone.name,
      name: this.zone.dnsName,
      type: 'A',
      ttl: DNS_RECORD_TTL_SECONDS,
      rrdatas: [props.address],
    });
    applyCommonProps(this, this.zone, props);
    this.domainName = props.domain;
  }
}
