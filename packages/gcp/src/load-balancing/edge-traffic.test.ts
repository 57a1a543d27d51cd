import {
  CDN_TTLS,
  EDGE_BODY_FLOOR_BYTES,
  EDGE_PATH_CLASS_NAMES,
  EDGE_PROTECTIONS,
  edgeProbes,
  edgeScope,
  HTTP_METHODS,
  PolicyEngine,
  type EdgePathClass,
} from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { gcpRules } from '../rules';
import { GcpGlobalStack } from '../stacks/global-stack';
import { GcpRegionalStack } from '../stacks/regional-stack';
import { appSynthJson, gcpContext, noPolicy, resourcesOf } from '../testing/fixtures';
import { evaluateArmor, refusedProbes } from './armor-evaluator';
import { PRECONFIGURED_WAF, preconfiguredWafRules } from './cloud-armor-policy';

type Json = Record<string, any>;

/** The production global stack as configured, checked by the GCP rules. */
function synthGlobal(): { json: ReturnType<typeof appSynthJson>; policy: PolicyEngine } {
  const context = gcpContext('production');
  const app = Testing.app();
  const regions: GcpRegionalStack[] = [];
  for (const region of context.topology.regions)
    regions.push(new GcpRegionalStack(app, { context, region, policy: noPolicy(), primary: regions[0] }));
  const policy = new PolicyEngine(gcpRules, { failOnError: false });
  const stack = new GcpGlobalStack(app, { context, regions, policy });
  return { json: appSynthJson(stack), policy };
}

const MOCK_PATH = '/v1/orders/42';
const CLASS_PATHS: Readonly<Record<EdgePathClass, string>> = {
  mockApi: MOCK_PATH,
  management: '/__mockforge/api/mocks',
  assets: '/assets/app.js',
  configs: '/configs/mockforge.yaml',
};

/** Where each preconfigured rule set is enforced and where it is only previewed, read back from the rules. */
function scopesOf(rules: readonly Json[]): Record<string, { block: EdgePathClass[]; count: EdgePathClass[] }> {
  const onPath = (expression: string, path: string) => {
    const [first] = expression.split(' && ');
    const m = /^(!?)request\.path\.matches\('(.*)'\)$/.exec(first!);
    return m ? (m[1] === '!') !== new RegExp(m[2]!.replace(/\\\\/g, '\\')).test(path) : true;
  };
  return Object.fromEntries(
    Object.keys(PRECONFIGURED_WAF).map((ruleSet) => {
      const scope = (preview: boolean) =>
        EDGE_PATH_CLASS_NAMES.filter((c) =>
          rules.some((r) => {
            const expression = String(r.match.expr?.expression ?? '');
            return Boolean(r.preview) === preview && expression.includes(`'${ruleSet}'`) && onPath(expression, CLASS_PATHS[c]);
          }),
        );
      return [ruleSet, { block: scope(false), count: scope(true) }];
    }),
  );
}

describe('the GCP edge admits valid mock traffic', () => {
  const { json, policy } = synthGlobal();
  const armor = resourcesOf(json, 'google_compute_security_policy')[0] as Json;
  const rules = armor.rule as Json[];

  it('lets every HTTP method with a 1 MiB body through Cloud Armor on the mock API', () => {
    const verdicts = HTTP_METHODS.map((method) => [
      method,
      evaluateArmor(rules, { method, path: MOCK_PATH, bodyBytes: EDGE_BODY_FLOOR_BYTES }).allowed,
    ]);
    expect(verdicts).toEqual(HTTP_METHODS.map((m) => [m, true]));
  });

  it('lets every probe through: all methods on the mock and management APIs, reads on the cached paths', () => {
    expect(refusedProbes(rules, edgeProbes())).toEqual([]);
  });

  it('scopes method enforcement (CRS 911100) to the read-only cached paths, and counts it elsewhere', () => {
    const method = rules.filter((r) => String(r.match.expr?.expression).includes('methodenforcement'));
    expect(method.map((r) => [r.priority, r.preview, r.match.expr.expression])).toEqual([
      [
        1150,
        false,
        "request.path.matches('^(?:/assets/|/static/|/configs/)') && evaluatePreconfiguredWaf('methodenforcement-v33-stable', {'sensitivity': 1})",
      ],
      [
        1151,
        true,
        "!request.path.matches('^(?:/assets/|/static/|/configs/)') && evaluatePreconfiguredWaf('methodenforcement-v33-stable', {'sensitivity': 1})",
      ],
    ]);
    expect(evaluateArmor(rules, { method: 'PUT', path: '/assets/app.js', bodyBytes: 0 })).toMatchObject({ allowed: false, priority: 1150 });
  });

  it('keeps SQLi and XSS enforced on the management API, in preview on the mock API', () => {
    const sqli = rules.filter((r) => String(r.match.expr?.expression).includes('sqli-v33-stable'));
    expect(sqli.map((r) => [r.priority, r.action, r.preview, r.match.expr.expression.split(' && ')[0]])).toEqual([
      [1100, 'deny(403)', false, "request.path.matches('^(?:/__mockforge/|/assets/|/static/|/configs/)')"],
      [1101, 'deny(403)', true, "!request.path.matches('^(?:/__mockforge/|/assets/|/static/|/configs/)')"],
    ]);
    expect(sqli[1]!.description).toBe('sqli, xss, lfi, rfi preview on mockApi');
    expect(armor.advanced_options_config).toEqual({ json_parsing: 'STANDARD' });
  });

  it("enforces and previews every rule set on exactly the path classes of core's EDGE_PROTECTIONS", () => {
    const expected = Object.fromEntries(Object.entries(PRECONFIGURED_WAF).map(([ruleSet, name]) => [ruleSet, edgeScope(name)]));
    expect(scopesOf(rules)).toEqual(expected);
    expect(scopesOf(rules)['sqli-v33-stable']).toEqual({ block: ['management', 'assets', 'configs'], count: ['mockApi'] });
    expect(EDGE_PROTECTIONS.sqlInjection.action.mockApi).toBe('count');
  });

  it('shares rules between rule sets of the same scope: 10 rules, each within five subexpressions', () => {
    expect(rules.map((r) => r.priority)).toEqual([1000, 1100, 1101, 1140, 1141, 1150, 1151, 1160, 2000, 2147483647]);
    const terms = rules.map((r) => String(r.match.expr?.expression ?? '*').split(/ && | \|\| /).length);
    expect(terms).toEqual([1, 5, 5, 3, 3, 2, 2, 2, 1, 1]);
    expect(rules.find((r) => r.priority === 1160)!.match.expr.expression).toBe(
      "evaluatePreconfiguredWaf('scannerdetection-v33-stable', {'sensitivity': 1}) || evaluatePreconfiguredWaf('protocolattack-v33-stable', {'sensitivity': 1})",
    );
  });

  it("keeps every rule's description within Cloud Armor's 64 characters", () => {
    expect(rules.filter((r) => String(r.description).length > 64).map((r) => r.description)).toEqual([]);
  });

  it('counts the rule sets instead of naming them where the names would pass 64 characters', () => {
    const readOnly = EDGE_PROTECTIONS.methodEnforcement;
    const custom = preconfiguredWafRules({ ...EDGE_PROTECTIONS, badBots: readOnly, protocolAttack: readOnly });
    expect(custom.filter((r) => r.priority === 1151).map((r) => r.description)).toEqual([
      '3 OWASP rule sets preview on mockApi, management',
    ]);
    expect(custom.filter((r) => String(r.description).length > 64)).toEqual([]);
  });

  it('would refuse PUT, PATCH and DELETE on the mock API with the rule set unscoped (what MF_GCP_13 catches)', () => {
    const unscoped = rules.map((r) =>
      r.priority === 1150 ? { ...r, match: { expr: { expression: r.match.expr.expression.split(' && ')[1] } } } : r,
    );
    const refused = HTTP_METHODS.filter((method) => !evaluateArmor(unscoped, { method, path: MOCK_PATH, bodyBytes: 0 }).allowed);
    expect(refused).toEqual(['PUT', 'PATCH', 'DELETE']);
  });

  it('caches the asset and config paths only as the origin allows, with the guide TTLs as default and ceiling', () => {
    const backends = resourcesOf(json, 'google_compute_backend_service') as Json[];
    const cdn = (suffix: string) => backends.find((b) => b.name.endsWith(suffix))!.cdn_policy;
    for (const [suffix, ttl] of [
      ['-assets', CDN_TTLS.assetsSeconds],
      ['-configs', CDN_TTLS.configsSeconds],
    ] as const) {
      expect(cdn(suffix)).toMatchObject({ cache_mode: 'CACHE_ALL_STATIC', default_ttl: ttl, max_ttl: ttl, client_ttl: ttl });
    }
    expect(cdn('-configs').max_ttl).toBe(3600);
  });

  it('passes its own edge checks (MF_GCP_13, MF_GCP_14)', () => {
    expect(policy.stackReports.map((r) => r.stack)).toEqual(['production-gcp-global']);
    expect(policy.findings.filter((f) => f.ruleId === 'MF_GCP_13' || f.ruleId === 'MF_GCP_14')).toEqual([]);
  });
});

describe('the Cloud Armor evaluator', () => {
  const allowRest = { priority: 2, action: 'allow', match: { versioned_expr: 'SRC_IPS_V1', config: { src_ip_ranges: ['*'] } } };
  const rule = (expression: string) => [{ priority: 1, action: 'deny(403)', match: { expr: { expression } } }, allowRest];
  const method = "evaluatePreconfiguredWaf('methodenforcement-v33-stable', {'sensitivity': 1})";
  const sqli = "evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1})";

  it('reads || and parenthesised groups, with && binding tighter, as CEL does', () => {
    const put = (path: string) => ({ method: 'PUT' as const, path, bodyBytes: 0 });
    const scoped = rule(`request.path.matches('^(?:/assets/)') && (${sqli} || ${method})`);
    expect([evaluateArmor(scoped, put('/assets/a.js')).allowed, evaluateArmor(scoped, put('/v1/a')).allowed]).toEqual([false, true]);
    // a || b && c is a || (b && c): the path alone decides for /admin.
    const precedence = rule(`request.path.matches('^/admin') || ${method} && request.path.matches('^/assets/')`);
    expect([put('/admin'), put('/v1/a'), put('/assets/a.js')].map((p) => evaluateArmor(precedence, p).allowed)).toEqual([
      false,
      true,
      false,
    ]);
    expect(evaluateArmor(rule(`(${sqli}) && (${method})`), put('/v1/a')).allowed).toBe(true);
  });

  it('refuses to guess about expressions it does not model', () => {
    const rules = [{ priority: 1, action: 'deny(403)', match: { expr: { expression: "origin.region_code == 'XX'" } } }];
    expect(() => evaluateArmor(rules, { method: 'GET', path: '/', bodyBytes: 0 })).toThrow(/unmodelled expression/);
  });

  it('lets preview rules log without deciding', () => {
    const rules = [
      { priority: 1, action: 'deny(403)', preview: true, match: { versioned_expr: 'SRC_IPS_V1', config: { src_ip_ranges: ['*'] } } },
      { priority: 2, action: 'allow', match: { versioned_expr: 'SRC_IPS_V1', config: { src_ip_ranges: ['*'] } } },
    ];
    expect(evaluateArmor(rules, { method: 'DELETE', path: '/', bodyBytes: 0 })).toEqual({ allowed: true, priority: 2 });
  });
});
