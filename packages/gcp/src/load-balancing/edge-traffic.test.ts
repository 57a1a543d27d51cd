import { CDN_TTLS, EDGE_BODY_FLOOR_BYTES, edgeProbes, HTTP_METHODS, PolicyEngine } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { gcpRules } from '../rules';
import { GcpGlobalStack } from '../stacks/global-stack';
import { GcpRegionalStack } from '../stacks/regional-stack';
import { appSynthJson, gcpContext, noPolicy, resourcesOf } from '../testing/fixtures';
import { evaluateArmor, refusedProbes } from './armor-evaluator';

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
    expect(sqli[1]!.description).toBe('sqli-v33-stable preview on mockApi');
    expect(armor.advanced_options_config).toEqual({ json_parsing: 'STANDARD' });
  });

  it("keeps every rule's description within Cloud Armor's 64 characters", () => {
    expect(rules.filter((r) => String(r.description).length > 64).map((r) => r.description)).toEqual([]);
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
