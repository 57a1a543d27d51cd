import type { EdgeProbe } from '@mockforge-infra/core';

type Json = Record<string, unknown>;

/** Methods CRS rule 911100 (methodenforcement-v33-stable) allows. */
const CRS_ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'];

export interface ArmorVerdict {
  readonly allowed: boolean;
  /** The priority of the rule that decided, if one matched. */
  readonly priority?: number;
  readonly description?: string;
}

/** Nested blocks arrive as an object or a one-element list. */
function one(value: unknown): Json | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v !== null && typeof v === 'object' ? (v as Json) : undefined;
}

function term(expression: string, probe: EdgeProbe): boolean {
  const negated = expression.startsWith('!');
  const body = negated ? expression.slice(1) : expression;
  const path = /^request\.path\.matches\('((?:[^'\\]|\\.)*)'\)$/.exec(body);
  if (path) return negated !== new RegExp(path[1]!.replace(/\\\\/g, '\\')).test(probe.path);
  if (negated) throw new Error(`unmodelled negation: ${expression}`);
  const waf = /^evaluatePreconfiguredWaf\('([a-z0-9-]+)'(?:, \{.*\})?\)$/.exec(body);
  if (waf) return waf[1]!.startsWith('methodenforcement-') ? !CRS_ALLOWED_METHODS.includes(probe.method) : false;
  if (/^evaluatePreconfiguredExpr\('[a-z0-9-]+'\)$/.test(body)) return false;
  throw new Error(`unmodelled expression: ${expression}`);
}

/** Splits on `separator` outside parentheses and quoted strings. */
function splitTopLevel(expression: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === "'") quoted = false;
    } else if (c === "'") quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && expression.startsWith(separator, i)) {
      parts.push(expression.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  return [...parts, expression.slice(start)].map((p) => p.trim());
}

/** `&&` binds tighter than `||`, as in CEL; a parenthesised group is evaluated on its own. */
function evaluate(expression: string, probe: EdgeProbe): boolean {
  return splitTopLevel(expression, ' || ').some((conjunction) =>
    splitTopLevel(conjunction, ' && ').every((t) =>
      t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1)) ? evaluate(t.slice(1, -1), probe) : term(t, probe),
    ),
  );
}

/** Whether a group's inside is one balanced expression, so `(a) && (b)` is not taken for one group. */
function balanced(inner: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === "'") quoted = false;
    } else if (c === "'") quoted = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function matches(match: Json | undefined, probe: EdgeProbe): boolean {
  const expression = one(match?.expr)?.expression;
  if (typeof expression === 'string') return evaluate(expression, probe);
  if (match?.versioned_expr === 'SRC_IPS_V1') return ((one(match.config)?.src_ip_ranges as string[]) ?? []).includes('*');
  throw new Error(`unmodelled match: ${JSON.stringify(match)}`);
}

/**
 * Decides one request of valid mock traffic against a synthesized `google_compute_security_policy`
 * rule list. What it models: rules in priority order, the first non-preview match decides; preview
 * rules only log; a rate-based rule lets a conforming client through (its conform_action, one
 * request being under any limit); `&&`, `||`, parentheses, `!` and `request.path.matches()` (the patterns are plain
 * prefixes, the same in RE2 and JavaScript); source-range matches (`*` matches, named ranges do not).
 * Managed behaviour: methodenforcement (CRS 911100) matches any method but GET, HEAD, POST and
 * OPTIONS, at every sensitivity. The other preconfigured sets and `cve-canary` match attack
 * signatures that valid traffic does not carry, so they are false here; this says nothing about
 * false positives at higher sensitivities. Cloud Armor sets no body-size limit (it inspects only
 * the first part of a body), so size never matches. Anything else throws rather than passing.
 */
export function evaluateArmor(rules: readonly Json[], probe: EdgeProbe): ArmorVerdict {
  const ordered = [...rules].sort((a, b) => Number(a.priority) - Number(b.priority));
  for (const rule of ordered) {
    if (rule.preview === true || !matches(one(rule.match), probe)) continue;
    const action = String(rule.action);
    const decided = { priority: Number(rule.priority), description: rule.description as string | undefined };
    if (action === 'rate_based_ban' || action === 'throttle') {
      const conform = one(rule.rate_limit_options)?.conform_action;
      return { allowed: conform === 'allow', ...decided };
    }
    if (action === 'allow') return { allowed: true, ...decided };
    if (action.startsWith('deny')) return { allowed: false, ...decided };
    throw new Error(`unmodelled action ${action}`);
  }
  return { allowed: false };
}

/** The probes a policy refuses, as `METHOD path (rule)`. */
export function refusedProbes(rules: readonly Json[], probes: readonly EdgeProbe[]): string[] {
  return probes.flatMap((probe) => {
    const verdict = evaluateArmor(rules, probe);
    return verdict.allowed
      ? []
      : [`${probe.method} ${probe.path} (${verdict.priority ?? 'no rule'}: ${verdict.description ?? 'no match'})`];
  });
}
