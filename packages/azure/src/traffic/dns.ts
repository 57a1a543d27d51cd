import { DnsARecord } from '@cdktf/provider-azurerm/lib/dns-a-record';
import { DnsTxtRecord } from '@cdktf/provider-azurerm/lib/dns-txt-record';
import { DnsZone } from '@cdktf/provider-azurerm/lib/dns-zone';
import { azureDnsZoneName, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { DNS_RECORD_TTL_SECONDS } from '../sizing';

export interface TierDnsProps {
  readonly context: TargetContext;
  readonly resourceGroupName: string;
}

type DnsRecords = [DnsARecord, DnsTxtRecord];

/** The resource group of a DNS zone resource id. */
function zoneResourceGroup(zoneId: string): string {
  return /\/resourceGroups\/([^/]+)\//i.exec(zoneId)![1]!;
}

/**
 * The tier's public DNS: an Azure DNS zone for its hostname, or `azure.dnsZoneId`. `addEdge` writes
 * the alias record to Front Door and the TXT record that validates its managed certificate;
 * `addEnvironment` the records of a Container Apps custom domain.
 */
export class TierDns extends Construct {
  readonly zone?: DnsZone;
  readonly zoneId: string;
  readonly zoneName: string;
  readonly resourceGroupName: string;
  /** The hostname relative to the zone (`@` at the apex). */
  readonly recordName: string;

  constructor(scope: Construct, id: string, props: TierDnsProps) {
    super(scope, id);
    const { context } = props;
    const existing = context.config.azure?.dnsZoneId;
    if (existing) {
      this.zoneId = existing;
      this.zoneName = azureDnsZoneName(existing)!;
      this.resourceGroupName = zoneResourceGroup(existing);
    } else {
      this.zone = new DnsZone(this, 'zone', { name: context.hostname, resourceGroupName: props.resourceGroupName });
      this.zoneId = this.zone.id;
      this.zoneName = this.zone.name;
      this.resourceGroupName = props.resourceGroupName;
    }
    const zoneName = existing ? this.zoneName : context.hostname;
    this.recordName = context.hostname === zoneName ? '@' : context.hostname.slice(0, -(zoneName.length + 1));
  }

  /**
   * The records a Container Apps custom domain needs: an A record to the environment's public address
   * and the `asuid` TXT record with the environment's domain verification id. Returns both, for the
   * custom domain to wait on.
   */
  addEnvironment(staticIpAddress: string, verificationId: string): DnsRecords {
    const address = new DnsARecord(this, 'environment', {
      name: this.recordName,
      zoneName: this.zoneName,
      resourceGroupName: this.resourceGroupName,
      ttl: DNS_RECORD_TTL_SECONDS,
      records: [staticIpAddress],
    });
    const verification = new DnsTxtRecord(this, 'domain-verification', {
      name: this.recordName === '@' ? 'asuid' : `asuid.${this.recordName}`,
      zoneName: this.zoneName,
      resourceGroupName: this.resourceGroupName,
      ttl: DNS_RECORD_TTL_SECONDS,
      record: [{ value: verificationId }],
    });
    return [address, verification];
  }

  addEdge(endpointId: string, validationToken: string): void {
    new DnsARecord(this, 'alias', {
      name: this.recordName,
      zoneName: this.zoneName,
      resourceGroupName: this.resourceGroupName,
      ttl: DNS_RECORD_TTL_SECONDS,
      targetResourceId: endpointId,
    });
    new DnsTxtRecord(this, 'validation', {
      name: this.recordName === '@' ? '_dnsauth' : `_dnsauth.${this.recordName}`,
      zoneName: this.zoneName,
      resourceGroupName: this.resourceGroupName,
      ttl: DNS_RECORD_TTL_SECONDS,
      record: [{ value: validationToken }],
    });
  }
}
