import { ComputeSecurityPolicy, type ComputeSecurityPolicyRule } from '@cdktf/provider-google/lib/compute-security-policy';
import { EDGE_RATE_LIMIT, type CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { CLOUD_ARMOR } from '../sizing';

const ALL_SOURCES = { versionedExpr: 'SRC_IPS_V1', config: { srcIpRanges: ['*'] } };
const DEFAULT_RULE_PRIORITY = 2147483647;
const FORBIDDEN = 'deny(403)';
const SECONDS_PER_MINUTE = 60;

/** Core's per-client edge limit over Cloud Armor's interval. */
export function rateLimitCount(intervalSeconds: number = CLOUD_ARMOR.rateLimit.intervalSeconds): number {
  return Math.round((EDGE_RATE_LIMIT.requestsPerMinutePerIp * intervalSeconds) / SECONDS_PER_MINUTE);
}

/** Security policies carry no labels: `tags` have nothing to label. */
export interface CloudArmorPolicyProps extends CommonProps {
  readonly name: string;
}

/**
 * Cloud Armor for the edge: the Log4j canary, the OWASP preconfigured rule sets, a per-client
 * rate-based ban and adaptive protection, then allow.
 */
export class CloudArmorPolicy extends Construct {
  readonly policy: ComputeSecurityPolicy;

  constructor(scope: Construct, id: string, props: CloudArmorPolicyProps) {
    super(scope, id);
    const { rateLimit } = CLOUD_ARMOR;
    const requests = rateLimitCount(rateLimit.intervalSeconds);
    const rules: ComputeSecurityPolicyRule[] = [
      {
        priority: 1000,
        action: FORBIDDEN,
        preview: false,
        description: 'Log4j (CVE-2021-44228) canary',
        match: { expr: { expression: "evaluatePreconfiguredExpr('cve-canary')" } },
      },
      ...CLOUD_ARMOR.owaspRuleSets.map((ruleSet, i) => ({
        priority: 1100 + i,
        action: FORBIDDEN,
        preview: false,
        description: `OWASP ${ruleSet}`,
        match: { expr: { expression: `evaluatePreconfiguredWaf('${ruleSet}', {'sensitivity': 1})` } },
      })),
      {
        priority: 2000,
        action: 'rate_based_ban',
        description: `More than ${requests} requests per ${rateLimit.intervalSeconds} s from one client`,
        match: ALL_SOURCES,
        rateLimitOptions: {
          conformAction: 'allow',
          exceedAction: 'deny(429)',
          enforceOnKey: 'IP',
          rateLimitThreshold: { count: requests, intervalSec: rateLimit.intervalSeconds },
          banDurationSec: rateLimit.banSeconds,
        },
      },
      { priority: DEFAULT_RULE_PRIORITY, action: 'allow', description: 'Everything else', match: ALL_SOURCES },
    ];
    this.policy = new ComputeSecurityPolicy(this, 'policy', {
      name: props.name,
      description: 'MockForge edge protection',
      type: 'CLOUD_ARMOR',
      adaptiveProtectionConfig: { layer7DdosDefenseConfig: { enable: true } },
      rule: rules,
    });
    applyCommonProps(this, this.policy, props);
  }
}
