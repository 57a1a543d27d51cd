import { CloudfrontCachePolicy } from '@cdktf/provider-aws/lib/cloudfront-cache-policy';
import { CloudfrontDistribution, type CloudfrontDistributionOrderedCacheBehavior } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import {
  HTTP_METHODS,
  PolicyEngine,
  PUBLIC_PORTS,
  READ_METHODS,
  type CdnSpec,
  type CommonProps,
  type ContentDelivery,
} from '@mockforge-infra/core';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';
import { AWS_PLATFORM } from '../sizing';

export interface CloudFrontCdnProps extends CommonProps {
  readonly name: string;
  /** The public name users resolve. */
  readonly domainName: string;
  /** us-east-1 ACM certificate for `domainName`. */
  readonly certificateArn: string;
  /** CLOUDFRONT-scope web ACL. */
  readonly webAclArn: string;
  /** `<bucket>.s3.amazonaws.com` of the access-log bucket. */
  readonly logBucketDomainName: string;
  /** The geo-routed origin name; Route 53 sends each edge to its nearest healthy region. */
  readonly originHost: string;
  /** A fixed regional origin to fail over to when the geo origin answers 5XX. */
  readonly failoverOriginHost: string;
  readonly spec: CdnSpec;
  /**
   * Forward the viewer's Host header (an EKS ingress routes by host). The regional certificates
   * then cover the public name too. @default false: the origin sees its own name
   */
  readonly forwardViewerHost?: boolean;
  /**
   * The CloudFront VPC origin of a single-region tier's internal ALB. CloudFront then has that one
   * origin, reached inside the VPC with `originHost` as SNI and Host (its certificate covers it), and
   * no origin group: a second member would be the same ALB, so failing over would retry itself.
   * @default the geo and failover origins, over the internet, in a failover group
   */
  readonly vpcOriginId?: string;
  /** Resources the distribution waits for (the log bucket's ownership controls). @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

const GEO_ORIGIN = 'geo-origin';
const FAILOVER_ORIGIN = 'failover-origin';
const FAILOVER_GROUP = 'origin-failover';
const ALL_METHODS = [...HTTP_METHODS].sort();
/** Why a VPC-origin distribution has no origin group (CKV_AWS_310). */
export const SINGLE_ORIGIN_REASON =
  'single-region tier: CloudFront reaches its one internal ALB through one VPC origin, so there is no second origin to fail over to (a group of the same origin twice would retry the origin that failed)';
/**
 * Cached paths honour the origin: with a minimum TTL of 0, `Cache-Control: private`, `no-store` and
 * `no-cache` keep a response out of the cache; the TTLs apply only to responses without directives.
 */
const HONOUR_ORIGIN_MIN_TTL = 0;

/**
 * CloudFront in front of the regional ALBs: HTTPS everywhere, TLS 1.2 (2021), a WAF, access logs,
 * HSTS, assets cached 24 h and configs 1 h (unless the origin marks them private) with origin failover
 * between two origins (none behind a single VPC origin),
 * API traffic never cached and open to every HTTP method.
 * Only GET/HEAD behaviours may use an origin group, so the API path relies on DNS failover.
 * `tags` and `overrides` apply to the distribution (`aws_cloudfront_distribution`).
 */
export class CloudFrontCdn extends Construct implements ContentDelivery {
  readonly distribution: CloudfrontDistribution;
  readonly domainName: string;
  readonly hostedZoneId: string;

  constructor(scope: Construct, id: string, props: CloudFrontCdnProps) {
    super(scope, id);
    const ttl = (kind: string, seconds: number) =>
      new CloudfrontCachePolicy(this, `${kind}_cache`, {
        name: `${props.name}-${kind}`,
        comment: `MockForge ${kind}: cached up to ${seconds} s unless the origin says otherwise`,
        minTtl: HONOUR_ORIGIN_MIN_TTL,
        defaultTtl: seconds,
        maxTtl: seconds,
        parametersInCacheKeyAndForwardedToOrigin: {
          enableAcceptEncodingBrotli: true,
          enableAcceptEncodingGzip: true,
          cookiesConfig: { cookieBehavior: 'none' },
          headersConfig: { headerBehavior: 'none' },
          queryStringsConfig: { queryStringBehavior: 'all' },
        },
      });
    const assets = ttl('assets', props.spec.ttls.assetsSeconds);
    const configs = ttl('configs', props.spec.ttls.configsSeconds);
    const headers = new CloudfrontResponseHeadersPolicy(this, 'security_headers', {
      name: `${props.name}-security-headers`,
      comment: 'HSTS and standard security headers',
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: AWS_PLATFORM.hstsMaxAgeSeconds,
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: 'DENY', override: true },
        referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
      },
    });

    const origin = (originId: string, domainName: string, vpcOriginId?: string) => ({
      originId,
      domainName,
      ...(vpcOriginId
        ? { vpcOriginConfig: { vpcOriginId } }
        : {
            customOriginConfig: {
              httpPort: PUBLIC_PORTS.http,
              httpsPort: PUBLIC_PORTS.https,
              originProtocolPolicy: 'https-only',
              originSslProtocols: [...AWS_PLATFORM.cloudFrontOriginSslProtocols],
            },
          }),
    });
    const single = props.vpcOriginId !== undefined;
    const cached = (pathPattern: string, cachePolicyId: string): CloudfrontDistributionOrderedCacheBehavior => ({
      pathPattern,
      targetOriginId: single ? GEO_ORIGIN : FAILOVER_GROUP,
      allowedMethods: [...READ_METHODS],
      cachedMethods: ['GET', 'HEAD'],
      cachePolicyId,
      responseHeadersPolicyId: headers.id,
      viewerProtocolPolicy: 'redirect-to-https',
      compress: true,
    });

    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: `MockForge ${props.name}`,
      aliases: [props.domainName],
      httpVersion: 'http2and3',
      isIpv6Enabled: true,
      priceClass: AWS_PLATFORM.cloudFrontPriceClass,
      webAclId: props.webAclArn,
      origin: single
        ? [origin(GEO_ORIGIN, props.originHost, props.vpcOriginId)]
        : [origin(GEO_ORIGIN, props.originHost), origin(FAILOVER_ORIGIN, props.failoverOriginHost)],
      originGroup: single
        ? undefined
        : [
            {
              originId: FAILOVER_GROUP,
              failoverCriteria: { statusCodes: [...AWS_PLATFORM.originFailoverStatusCodes] },
              member: [{ originId: GEO_ORIGIN }, { originId: FAILOVER_ORIGIN }],
            },
          ],
      defaultCacheBehavior: {
        targetOriginId: GEO_ORIGIN,
        allowedMethods: ALL_METHODS,
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: AWS_PLATFORM.cloudFrontManaged.cachingDisabled,
        originRequestPolicyId: props.forwardViewerHost
          ? AWS_PLATFORM.cloudFrontManaged.allViewer
          : AWS_PLATFORM.cloudFrontManaged.allViewerExceptHostHeader,
        responseHeadersPolicyId: headers.id,
        viewerProtocolPolicy: 'redirect-to-https',
        compress: true,
      },
      orderedCacheBehavior: [
        ...props.spec.paths.assets.map((p) => cached(p, assets.id)),
        ...props.spec.paths.configs.map((p) => cached(p, configs.id)),
      ],
      loggingConfig: { bucket: props.logBucketDomainName, includeCookies: false, prefix: 'cloudfront/' },
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: {
        acmCertificateArn: props.certificateArn,
        sslSupportMethod: 'sni-only',
        minimumProtocolVersion: AWS_PLATFORM.cloudFrontMinimumTls,
      },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    applyCommonProps(this.distribution, props);
    if (single) PolicyEngine.suppress(this.distribution, 'CKV_AWS_310', SINGLE_ORIGIN_REASON);
    this.domainName = this.distribution.domainName;
    this.hostedZoneId = this.distribution.hostedZoneId;
  }
}
