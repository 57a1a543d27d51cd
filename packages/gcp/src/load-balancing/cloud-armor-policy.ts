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

/** `sqli-v33-stable` → `sqli`, for descriptions. */
const shortName = (ruleSet: string) => ruleSet.replace(/-v\d+-stable$/, '');
/** Cloud Armor keeps 64 characters of a description; past that, the rule sets are counted instead of named. */
const DESCRIPTION_MAX = 64;
const describe = (names: string[], rest: string) =>
  [names.join(', '), `${names.length} OWASP rule sets`].map((n) => rest.replace('%s', n)).find((d) => d.length <= DESCRIPTION_MAX)!;

/** `path && (a || b)`, `path && a`, or `a || b` without a path. */
function matchExpression(path: string | undefined, wafs: readonly string[]): string {
  const any = wafs.join(' || ');
  if (!path) return any;
  return `${path} && ${wafs.length > 1 ? `(${any})` : any}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The preconfigured WAF rules from core's EDGE_PROTECTIONS: enforced (deny) on the path classes
 * that block, in preview (logged, the equivalent of count) on those exempted, with the reason.
 * Rule sets with the same block and count classes share a rule, as many as one expression holds
 * (Cloud Armor bills each rule), so the protections are the same with fewer rules.
 */
export function preconfiguredWafRules(
  protections: Readonly<Record<EdgeProtectionName, EdgeProtection>> = EDGE_PROTECTIONS,
): ComputeSecurityPolicyRule[] {
  const ruleSets = Object.entries(PRECONFIGURED_WAF).map(([ruleSet, protection], index) => ({
    ruleSet,
    index,
    ...edgeScope(protection, protections),
  }));
  const groups = new Map<string, typeof ruleSets>();
  for (const set of ruleSets) {
    const key = `${set.block.join(',')}|${set.count.join(',')}`;
    groups.set(key, [...(groups.get(key) ?? []), set]);
  }
  return [...groups.values()].flatMap((group) => {
    const { block, count } = group[0]!;
    // A path term only where the rule set blocks on some classes and counts on others.
    const scoped = block.length > 0 && count.length > 0;
    return chunks(group, CLOUD_ARMOR.maxSubexpressions - (scoped ? 1 : 0)).flatMap((chunk) => {
      const priority = WAF_BASE_PRIORITY + chunk[0]!.index * WAF_PRIORITY_STEP;
      const wafs = chunk.map((c) => `evaluatePreconfiguredWaf('${c.ruleSet}', {'sensitivity': ${WAF_SENSITIVITY}})`);
      const names = chunk.map((c) => shortName(c.ruleSet));
      const rules: ComputeSecurityPolicyRule[] = [];
      if (block.length > 0) {
        rules.push({
          priority,
          action: FORBIDDEN,
          preview: false,
          description: describe(names, count.length ? `OWASP %s on ${block.join(', ')}` : 'OWASP %s'),
          match: { expr: { expression: matchExpression(scoped ? pathCondition(block, count) : undefined, wafs) } },
        });
      }
      if (count.length > 0) {
        rules.push({
          priority: priority + 1,
          action: FORBIDDEN,
          preview: true,
          // The reason lives in core's edge table and the README: Cloud Armor keeps 64 characters.
          description: describe(names, `%s preview on ${count.join(', ')}`),
          match: { expr: { expression: matchExpression(scoped ? pathCondition(count, block) : undefined, wafs) } },
        });
      }
      return rules;
    });
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
