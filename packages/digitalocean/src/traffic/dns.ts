import { Domain } from '@cdktf/provider-digitalocean/lib/domain';
import { Record as DnsRecord } from '@cdktf/provider-digitalocean/lib/record';
import type { CommonProps, TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { DNS_RECORD_TTL_SECONDS } from '../sizing';

export interface TierDomainProps extends CommonProps {
  readonly context: TargetContext;
}

/**
 * The DigitalOcean domain the tier's records live in: `digitalocean.existingDomain` when set,
 * otherwise one created for the tier hostname (delegate it from the parent zone).
 */
export class TierDomain extends Construct {
  readonly domain?: Domain;
  readonly name: string;

  constructor(scope: Construct, id: string, props: TierDomainProps) {
    super(scope, id);
    const existing = props.context.config.digitalocean?.existingDomain;
    if (existing) {
      this.name = existing;
      return;
    }
    this.domain = new Domain(this, 'domain', { name: props.context.hostname });
    this.name = this.domain.name;
    applyCommonProps(this, this.domain, props);
  }
}

/** The record name of `hostname` inside `domain`: `@` at the apex, else the leading labels. */
export function recordName(hostname: string, domain: string): string {
  return hostname === domain ? '@' : hostname.slice(0, -(domain.length + 1));
}

/** An A record for the tier hostname. */
export function addressRecord(scope: Construct, id: string, domain: string, hostname: string, domainName: string, ip: string): DnsRecord {
  return new DnsRecord(scope, id, { domain, type: 'A', name: recordName(hostname, domainName), value: ip, ttl: DNS_RECORD_TTL_SECONDS });
}
