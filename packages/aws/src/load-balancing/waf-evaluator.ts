import type { EdgeProbe } from '@mockforge-infra/core';
import { CORE_RULE_SET, CORE_RULE_SET_LABELS, CORE_RULE_SET_NAME } from './web-acl';

type Json = Record<string, unknown>;

/** The core rule set's size limits (AWS documentation). */
const CRS_MAX_BODY_BYTES = 8192;
/** Managed groups whose rules match only attack signatures or listed addresses. */
const SIGNATURE_GROUPS = ['AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesSQLiRuleSet'];

export interface WafVerdict {
  readonly allowed: boolean;
  /** The rule that decided, if one did. */
  readonly rule?: string;
}

/** The core rule set's rules a request of valid traffic matches. */
function coreRuleSetMatches(probe: EdgeProbe): string[] {
  const matched: string[] = [];
  if (probe.userAgent === undefined) matched.push('NoUserAgent_HEADER');
  if (probe.bodyBytes > CRS_MAX_BODY_BYTES) matched.push('SizeRestrictions_BODY');
  return matched;
}

function statementMatches(statement: Json, probe: EdgeProbe, labels: ReadonlySet<string>): boolean {
  const [kind, body] = Object.entries(statement)[0] as [string, Json];
  switch (kind) {
    case 'AndStatement':
      return (body.Statements as Json[]).every((s) => statementMatches(s, probe, labels));
    case 'OrStatement':
      return (body.Statements as Json[]).some((s) => statementMatches(s, probe, labels));
    case 'NotStatement':
      return !statementMatches(body.Statement as Json, probe, labels);
    case 'LabelMatchStatement':
      return body.Scope === 'NAMESPACE' ? [...labels].some((l) => l.startsWith(String(body.Key))) : labels.has(String(body.Key));
    case 'RegexMatchStatement': {
      const transforms = (body.TextTransformations as Json[]).map((t) => t.Type);
      if (!('UriPath' in (body.FieldToMatch as Json)) || transforms.join() !== 'NONE') {
        throw new Error(`unmodelled regex match: ${JSON.stringify(body)}`);
      }
      return new RegExp(String(body.RegexString)).test(probe.path);
    }
    case 'RateBasedStatement':
      return false;
    default:
      throw new Error(`unmodelled statement ${kind}`);
  }
}

/**
 * Decides one request of valid mock traffic against a synthesized `aws_wafv2_web_acl` rule_json.
 * What it models: rules in priority order; a managed group's matching rules add their labels and
 * block unless overridden to Count (per rule, or the whole group by OverrideAction Count); a scope-
 * down statement limits a group; And/Or/Not, label matches (label or namespace) and URI-path regex
 * matches without transformations; rate-based rules do not match a single request.
 * Managed behaviour: in the core rule set, NoUserAgent_HEADER matches a request without a
 * User-Agent and SizeRestrictions_BODY a body over 8 KB (its oversize handling matches bodies past
 * the inspection limit); its signature rules, and the known-bad-inputs, IP-reputation and SQLi
 * groups, match attack patterns or listed addresses that valid traffic does not carry, so they do
 * not match here; this says nothing about their false positives. Anything else throws.
 */
export function evaluateWebAcl(rules: readonly Json[], probe: EdgeProbe, defaultAllow = true): WafVerdict {
  const labels = new Set<string>();
  const ordered = [...rules].sort((a, b) => Number(a.Priority) - Number(b.Priority));
  for (const rule of ordered) {
    const statement = rule.Statement as Json;
    const group = statement.ManagedRuleGroupStatement as Json | undefined;
    if (group) {
      const scopeDown = group.ScopeDownStatement as Json | undefined;
      if (scopeDown && !statementMatches(scopeDown, probe, labels)) continue;
      if (SIGNATURE_GROUPS.includes(String(group.Name))) continue;
      if (group.Name !== CORE_RULE_SET_NAME) throw new Error(`unmodelled managed group ${String(group.Name)}`);
      const overrides = new Map(
        ((group.RuleActionOverrides as Json[] | undefined) ?? []).map((o) => [String(o.Name), Object.keys(o.ActionToUse as Json)[0]]),
      );
      const groupCounts = 'Count' in ((rule.OverrideAction as Json | undefined) ?? {});
      for (const name of coreRuleSetMatches(probe)) {
        labels.add(`${CORE_RULE_SET_LABELS}${CORE_RULE_SET[name]!.label}`);
        const action = overrides.get(name) ?? 'Block';
        if (action === 'Block' && !groupCounts) return { allowed: false, rule: `${String(rule.Name)}/${name}` };
        if (action === 'Allow' && !groupCounts) return { allowed: true, rule: `${String(rule.Name)}/${name}` };
      }
      continue;
    }
    if (!statementMatches(statement, probe, labels)) continue;
    const action = Object.keys(rule.Action as Json)[0];
    if (action === 'Block') return { allowed: false, rule: String(rule.Name) };
    if (action === 'Allow') return { allowed: true, rule: String(rule.Name) };
    for (const label of (rule.RuleLabels as Json[] | undefined) ?? []) labels.add(String(label.Name));
  }
  return { allowed: defaultAllow };
}

/** The probes a web ACL refuses, as `METHOD path (rule)`. */
export function refusedProbes(rules: readonly Json[], probes: readonly EdgeProbe[], defaultAllow = true): string[] {
  return probes.flatMap((probe) => {
    const verdict = evaluateWebAcl(rules, probe, defaultAllow);
    return verdict.allowed ? [] : [`${probe.method} ${probe.path} (${verdict.rule ?? 'default action'})`];
  });
}
