import { Cdn } from '@cdktf/provider-digitalocean/lib/cdn';
import { Certificate } from '@cdktf/provider-digitalocean/lib/certificate';
import type { CommonProps, TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { CDN_SUBDOMAIN } from '../sizing';

export interface SpacesCdnProps extends CommonProps {
  readonly context: TargetContext;
  /** The bucket's `bucket_domain_name`. */
  readonly origin: string;
}

/** `cdn.<hostname>`: the CDN subdomain of a tier. */
export function cdnHostname(context: TargetContext): string {
  return `${CDN_SUBDOMAIN}.${context.hostname}`;
}

/**
 * The Spaces CDN in front of the config and fixtures bucket, on `cdn.<hostname>` with a Let's Encrypt
 * certificate. A Spaces CDN endpoint has one TTL: the bucket holds mock configs and fixtures, so it
 * is the guide's config TTL (1 h); the API never passes through it, and objects uploaded with their
 * own Cache-Control keep it.
 */
export class SpacesCdn extends Construct {
  readonly cdn: Cdn;
  readonly certificate: Certificate;
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: SpacesCdnProps) {
    super(scope, id);
    const { context } = props;
    this.domainName = cdnHostname(context);
    this.certificate = new Certificate(this, 'certificate', {
      name: resourceName(context.tier, 'cdn'),
      type: 'lets_encrypt',
      domains: [this.domainName],
      lifecycle: { createBeforeDestroy: true },
    });
    this.cdn = new Cdn(this, 'cdn', {
      origin: props.origin,
      ttl: context.cdn.ttls.configsSeconds,
      customDomain: this.domainName,
      certificateName: this.certificate.name,
    });
    applyCommonProps(this, this.cdn, props);
  }
}
