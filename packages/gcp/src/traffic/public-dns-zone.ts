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
  /** The load balancer's anycast address, the apex A record. */
  readonly address?: string;
  /** The apex's addresses by type instead of `address` (a Cloud Run domain mapping's records). */
  readonly apexRecords?: { readonly a: string[]; readonly aaaa: string[] };
}

/**
 * The public zone for the domain, signed with DNSSEC, and its apex records: the load balancer's
 * anycast address (which routes each client to the nearest region), or a domain mapping's A and AAAA.
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
    if (!props.apexRecords === !props.address) throw new Error(`${this.node.path}: pass either address or apexRecords`);
    new DnsRecordSet(this, 'apex', {
      managedZone: this.zone.name,
      name: this.zone.dnsName,
      type: 'A',
      ttl: DNS_RECORD_TTL_SECONDS,
      rrdatas: props.apexRecords?.a ?? [props.address!],
    });
    if (props.apexRecords) {
      new DnsRecordSet(this, 'apex-aaaa', {
        managedZone: this.zone.name,
        name: this.zone.dnsName,
        type: 'AAAA',
        ttl: DNS_RECORD_TTL_SECONDS,
        rrdatas: props.apexRecords.aaaa,
      });
    }
    applyCommonProps(this, this.zone, props);
    this.domainName = props.domain;
  }
}
