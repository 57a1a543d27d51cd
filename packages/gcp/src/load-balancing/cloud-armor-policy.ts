import { ComputeSecurityPolicy, type ComputeSecurityPolicyRule } from '@cdktf/provider-google/lib/compute-security-policy';
import {
  EDGE_PROTECTIONS,
  EDGE_RATE_LIMIT,
  edgePathPattern,
  edgeScope,
  type CommonProps,
  type EdgePathClass,
  type EdgeProtection,
  type EdgeProtectionName,
} from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { CLOUD_ARMOR } from '../sizing';

const ALL_SOURCES = { versionedExpr: 'SRC_IPS_V1', config: { srcIpRanges: ['*'] } };
const DEFAULT_RULE_PRIORITY = 2147483647;
const FORBIDDEN = 'deny(403)';
const SECONDS_PER_MINUTE = 60;
const WAF_BASE_PRIORITY = 1100;
const WAF_PRIORITY_STEP = 10;

/** Cloud Armor's preconfigured WAF rule sets (OWASP CRS 3.3), with the edge protection each gives. */
export const PRECONFIGURED_WAF: Readonly<Record<string, EdgeProtectionName>> = {
  'sqli-v33-stable': 'sqlInjection',
  'xss-v33-stable': 'crossSiteScripting',
  'lfi-v33-stable': 'fileInclusion',
  'rfi-v33-stable': 'fileInclusion',
  'rce-v33-stable': 'remoteCodeExecution',
  'methodenforcement-v33-stable': 'methodEnforcement',
  'scannerdetection-v33-stable': 'badBots',
  'protocolattack-v33-stable': 'protocolAttack',
  'sessionfixation-v33-stable': 'sessionFixation',
};
/** Sensitivity 1 keeps only the signatures with the fewest false positives (CRS paranoia level 1). */
export const WAF_SENSITIVITY = 1;

/** Core's per-client edge limit over Cloud Armor's interval. */
export function rateLimitCount(intervalSeconds: number = CLOUD_ARMOR.rateLimit.intervalSeconds): number {
  return Math.round((EDGE_RATE_LIMIT.requestsPerMinutePerIp * intervalSeconds) / SECONDS_PER_MINUTE);
}

/** A CEL condition on the raw URL path: in `classes`, the mock API being every path outside `others`. */
function pathCondition(classes: readonly EdgePathClass[], others: readonly EdgePathClass[]): string {
  const matches = (c: readonly EdgePathClass[]) => `request.path.matches('${edgePathPattern(c).replace(/\\/g, '\\\\')}')`;
  return classes.includes('mockApi') ? `!${matches(others)}` : matches(classes);
}

/**
 * The preconfigured WAF rules from core's EDGE_PROTECTIONS: enforced (deny) on the path classes
 * that block, in preview (logged, the equivalent of count) on those exempted, with the reason.
 */
export function preconfiguredWafRules(
  protections: Readonly<Record<EdgeProtectionName, EdgeProtection>> = EDGE_PROTECTIONS,
): ComputeSecurityPolicyRule[] {
  return Object.entries(PRECONFIGURED_WAF).flatMap(([ruleSet, protection], i) => {
    const priority = WAF_BASE_PRIORITY + i * WAF_PRIORITY_STEP;
    const waf = `evaluatePreconfiguredWaf('${ruleSet}', {'sensitivity': ${WAF_SENSITIVITY}})`;
    const { block, count } = edgeScope(protection, protections);
    const rules: ComputeSecurityPolicyRule[] = [];
    if (block.length > 0) {
      rules.push({
        priority,
        action: FORBIDDEN,
        preview: false,
        description: count.length ? `OWASP ${ruleSet} on ${block.join(', ')}` : `OWASP ${ruleSet}`,
        match: { expr: { expression: count.length ? `${pathCondition(block, count)} && ${waf}` : waf } },
      });
    }
    if (count.length > 0) {
      rules.push({
        priority: priority + 1,
        action: FORBIDDEN,
        preview: true,
        // The reason lives in core's edge table and the README: Cloud Armor keeps 64 characters.
        description: `${ruleSet} preview on ${count.join(', ')}`,
        match: { expr: { expression: block.length ? `${pathCondition(count, block)} && ${waf}` : waf } },
      });
    }
    return rules;
  });
}

/** Security policies carry no labels: `tags` have nothing to label. */
export interface CloudArmorPolicyProps extends CommonProps {
  readonly name: string;
  /**
   * What each path class enforces and what it only counts; tighten a path by setting its action to `block`.
   * @default EDGE_PROTECTIONS
   */
  readonly protections?: Readonly<Record<EdgeProtectionName, EdgeProtection>>;
}

/**
 * Cloud Armor for the edge: the Log4j canary, the OWASP preconfigured rule sets per path class,
 * a per-client rate-based ban and adaptive protection, then allow. JSON bodies are parsed, so the
 * signatures see values rather than the raw document.
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
      ...preconfiguredWafRules(props.protections),
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
      advancedOptionsConfig: { jsonParsing: 'STANDARD' },
      rule: rules,
    });
    applyCommonProps(this, this.policy, props);
  }
}
