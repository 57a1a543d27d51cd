import { CdnFrontdoorCustomDomain } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain';
import { CdnFrontdoorCustomDomainAssociation } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain-association';
import { CdnFrontdoorEndpoint } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-endpoint';
import { CdnFrontdoorFirewallPolicy } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-firewall-policy';
import { CdnFrontdoorOrigin } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-origin';
import { CdnFrontdoorOriginGroup } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-origin-group';
import { CdnFrontdoorProfile } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-profile';
import { CdnFrontdoorRoute } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-route';
import { CdnFrontdoorRule } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-rule';
import { CdnFrontdoorRuleSet } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-rule-set';
import { CdnFrontdoorSecurityPolicy } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-security-policy';
import {
  ANYWHERE_IPV4,
  CDN_PATHS,
  CDN_TTLS,
  EDGE_PROTECTIONS,
  EDGE_RATE_LIMIT,
  MockforgeStack,
  TARGET_HEALTH,
  type CommonProps,
  type ContentDelivery,
  type ManualStep,
  type TargetContext,
} from '@mockforge-infra/core';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { FRONT_DOOR } from '../sizing';

/** The resource Front Door's private endpoint request lands on, by its literal name, for the approval step. */
export interface PrivateLinkTarget {
  readonly resourceGroupName: string;
  readonly name: string;
  readonly type: 'Microsoft.App/managedEnvironments' | 'Microsoft.Network/privateLinkServices';
}

/** One region's origin: the private link target (a Container Apps environment or a Private Link Service) and the host Front Door sends. */
export interface FrontDoorOrigin {
  readonly region: string;
  readonly hostName: string;
  readonly privateLinkTargetId: string;
  readonly privateLinkTarget: PrivateLinkTarget;
  /** `managedEnvironments` for Container Apps; absent for a Private Link Service. */
  readonly targetType?: string;
  /** HTTPS to the origin (Container Apps), or HTTP inside the private link (AKS ingress Service). */
  readonly https: boolean;
}

export interface FrontDoorEdgeProps extends CommonProps {
  readonly context: TargetContext;
  readonly resourceGroupName: string;
  readonly origins: readonly FrontDoorOrigin[];
  /** The DNS zone that validates the custom domain. */
  readonly dnsZoneId: string;
}

/** A day or an hour as Front Door's cache duration (d.hh:mm:ss). */
export function cacheDuration(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const rest = seconds % 86400;
  const hh = String(Math.floor(rest / 3600)).padStart(2, '0');
  const mm = String(Math.floor((rest % 3600) / 60)).padStart(2, '0');
  const ss = String(rest % 60).padStart(2, '0');
  return days > 0 ? `${days}.${hh}:${mm}:${ss}` : `${hh}:${mm}:${ss}`;
}

/**
 * Approving Front Door's private endpoint connection on an origin. Front Door requests it from its own
 * managed subscription, which no auto-approval list can name, and azurerm has no resource that
 * approves a connection; only the pending request carrying this profile's message is approved.
 */
export function privateLinkApprovalStep(region: string, target: PrivateLinkTarget, requestMessage: string): ManualStep {
  const pending =
    `[?properties.privateLinkServiceConnectionState.status=='Pending' && ` +
    `properties.privateLinkServiceConnectionState.description=='${requestMessage}'].id`;
  return {
    when: 'after the first apply',
    why:
      `Front Door reaches ${region} only once its private endpoint connection on ${target.name} is approved ` +
      `(it appears a few minutes after the origin is created; until then Front Door answers errors for that origin)`,
    command:
      `for ID in $(az network private-endpoint-connection list -g ${target.resourceGroupName} -n ${target.name} ` +
      `--type ${target.type} --query "${pending}" -o tsv); ` +
      `do az network private-endpoint-connection approve --id "$ID" --description "${requestMessage}"; done`,
  };
}

/** Why the WAF inspects no request bodies: the edge decision table's oversizeBody exemption. */
export const BODY_INSPECTION_REASON = EDGE_PROTECTIONS.oversizeBody.reason;
/** Why DRS's method rule only logs: the edge decision table's methodEnforcement exemption. */
export const METHOD_RULE_REASON = EDGE_PROTECTIONS.methodEnforcement.reason;

/**
 * Front Door Premium in front of every region: one origin per region over private link, health
 * probes on /health/ready, latency routing, HTTPS redirect and TLS 1.2 on a custom domain with a
 * managed certificate, the guide's cache rules (assets 24 h and configs 1 h only where the origin
 * sends no Cache-Control of its own, API uncached), and a WAF policy in prevention mode. Each origin's
 * private endpoint connection is approved by hand after the first apply (`privateLinkApprovalStep`).
 */
export class FrontDoorEdge extends Construct implements ContentDelivery {
  readonly profile: CdnFrontdoorProfile;
  readonly endpoint: CdnFrontdoorEndpoint;
  readonly customDomain: CdnFrontdoorCustomDomain;
  readonly waf: CdnFrontdoorFirewallPolicy;
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: FrontDoorEdgeProps) {
    super(scope, id);
    const { context } = props;
    const name = resourceName(context.tier);
    this.profile = new CdnFrontdoorProfile(this, 'profile', {
      name,
      resourceGroupName: props.resourceGroupName,
      skuName: FRONT_DOOR.sku,
      responseTimeoutSeconds: FRONT_DOOR.responseTimeoutSeconds,
    });
    this.endpoint = new CdnFrontdoorEndpoint(this, 'endpoint', { name, cdnFrontdoorProfileId: this.profile.id });
    const group = new CdnFrontdoorOriginGroup(this, 'origins', {
      name: 'regions',
      cdnFrontdoorProfileId: this.profile.id,
      sessionAffinityEnabled: false,
      healthProbe: {
        path: TARGET_HEALTH.path,
        protocol: props.origins.every((o) => o.https) ? 'Https' : 'Http',
        requestType: 'GET',
        intervalInSeconds: TARGET_HEALTH.intervalSeconds,
      },
      loadBalancing: {
        additionalLatencyInMilliseconds: FRONT_DOOR.additionalLatencyMs,
        sampleSize: FRONT_DOOR.sampleSize,
        successfulSamplesRequired: FRONT_DOOR.successfulSamplesRequired,
      },
    });
    const requestMessage = `Front Door ${name}`;
    const stack = TerraformStack.of(this);
    const origins = props.origins.map((o) => {
      if (stack instanceof MockforgeStack) stack.addManualStep(privateLinkApprovalStep(o.region, o.privateLinkTarget, requestMessage));
      return new CdnFrontdoorOrigin(this, `origin-${o.region}`, {
        name: o.region,
        cdnFrontdoorOriginGroupId: group.id,
        hostName: o.hostName,
        originHostHeader: o.hostName,
        certificateNameCheckEnabled: true,
        enabled: true,
        priority: 1,
        weight: 1000,
        privateLink: {
          location: o.region,
          privateLinkTargetId: o.privateLinkTargetId,
          requestMessage,
          ...(o.targetType ? { targetType: o.targetType } : {}),
        },
      });
    });
    this.customDomain = new CdnFrontdoorCustomDomain(this, 'domain', {
      name: context.hostname.replace(/\./g, '-'),
      cdnFrontdoorProfileId: this.profile.id,
      dnsZoneId: props.dnsZoneId,
      hostName: context.hostname,
      tls: { certificateType: 'ManagedCertificate', minimumTlsVersion: FRONT_DOOR.minimumTls },
    });
    const forwarding = props.origins.every((o) => o.https) ? 'HttpsOnly' : 'HttpOnly';
    const route = (key: string, patterns: readonly string[], ttlSeconds?: number) => {
      const ruleSets = [];
      if (ttlSeconds) {
        const set = new CdnFrontdoorRuleSet(this, `${key}-rules`, { name: key, cdnFrontdoorProfileId: this.profile.id });
        new CdnFrontdoorRule(this, `${key}-cache`, {
          name: `${key}ttl`,
          cdnFrontdoorRuleSetId: set.id,
          order: 1,
          behaviorOnMatch: 'Continue',
          // The origin's Cache-Control (private, no-store) wins; the TTL applies only where it sends none.
          actions: {
            routeConfigurationOverrideAction: {
              cacheBehavior: 'OverrideIfOriginMissing',
              cacheDuration: cacheDuration(ttlSeconds),
              queryStringCachingBehavior: 'UseQueryString',
              compressionEnabled: true,
            },
          },
        });
        ruleSets.push(set.id);
      }
      return new CdnFrontdoorRoute(this, `${key}-route`, {
        name: key,
        cdnFrontdoorEndpointId: this.endpoint.id,
        cdnFrontdoorOriginGroupId: group.id,
        cdnFrontdoorOriginIds: origins.map((o) => o.id),
        cdnFrontdoorCustomDomainIds: [this.customDomain.id],
        cdnFrontdoorRuleSetIds: ruleSets.length ? ruleSets : undefined,
        patternsToMatch: [...patterns],
        supportedProtocols: ['Http', 'Https'],
        httpsRedirectEnabled: true,
        forwardingProtocol: forwarding,
        linkToDefaultDomain: false,
        ...(ttlSeconds
          ? {
              cache: {
                queryStringCachingBehavior: 'UseQueryString',
                compressionEnabled: true,
                contentTypesToCompress: ['text/css', 'application/javascript', 'application/json', 'text/yaml'],
              },
            }
          : {}),
      });
    };
    const routes = [
      route('api', ['/*']),
      route('assets', CDN_PATHS.assets, CDN_TTLS.assetsSeconds),
      route('configs', CDN_PATHS.configs, CDN_TTLS.configsSeconds),
    ];
    new CdnFrontdoorCustomDomainAssociation(this, 'domain-routes', {
      cdnFrontdoorCustomDomainId: this.customDomain.id,
      cdnFrontdoorRouteIds: routes.map((r) => r.id),
    });
    this.waf = new CdnFrontdoorFirewallPolicy(this, 'waf', {
      name: `mockforge${context.tier}waf`,
      resourceGroupName: props.resourceGroupName,
      skuName: FRONT_DOOR.sku,
      enabled: true,
      mode: 'Prevention',
      // Mock payloads exceed the managed rules' body limits and carry SQL and HTML as test data.
      requestBodyCheckEnabled: false,
      managedRule: [
        {
          type: FRONT_DOOR.wafRuleSet.type,
          version: FRONT_DOOR.wafRuleSet.version,
          action: 'Block',
          override: [
            {
              ruleGroupName: FRONT_DOOR.methodEnforcement.group,
              rule: [{ ruleId: FRONT_DOOR.methodEnforcement.ruleId, enabled: true, action: 'Log' }],
            },
          ],
        },
        { type: FRONT_DOOR.botRuleSet.type, version: FRONT_DOOR.botRuleSet.version, action: 'Block' },
      ],
      customRule: [
        {
          name: 'ratelimitperip',
          type: 'RateLimitRule',
          action: 'Block',
          enabled: true,
          priority: 100,
          rateLimitDurationInMinutes: 1,
          rateLimitThreshold: EDGE_RATE_LIMIT.requestsPerMinutePerIp,
          matchCondition: [{ matchVariable: 'SocketAddr', operator: 'IPMatch', matchValues: [ANYWHERE_IPV4, '::/0'] }],
        },
      ],
    });
    new CdnFrontdoorSecurityPolicy(this, 'security-policy', {
      name,
      cdnFrontdoorProfileId: this.profile.id,
      securityPolicies: {
        firewall: {
          cdnFrontdoorFirewallPolicyId: this.waf.id,
          association: { patternsToMatch: ['/*'], domain: [{ cdnFrontdoorDomainId: this.customDomain.id }] },
        },
      },
    });
    this.domainName = context.hostname;
    applyCommonProps(this, this.profile, props);
  }
}
