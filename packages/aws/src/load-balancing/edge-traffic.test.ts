import { defaultConfig, EDGE_BODY_FLOOR_BYTES, edgeProbes, HTTP_METHODS, PolicyEngine, targetContext } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsTarget } from '../target';
import { evaluateWebAcl, refusedProbes } from './waf-evaluator';

type Json = Record<string, any>;

/** The production tier as configured, every stack synthesized by the app. */
function synthProduction(): { acls: Json[]; policies: Json[]; distributions: Json[]; policy: PolicyEngine } {
  const policy = new PolicyEngine(awsTarget.rules, { failOnError: false });
  const app = Testing.app();
  const stacks = awsTarget.addStacks(app, targetContext(defaultConfig(['aws']), 'production', 'aws'), policy);
  app.synth();
  const jsons = stacks.map((s) => JSON.parse(readFileSync(join(app.outdir, 'stacks', s.node.id, 'cdk.tf.json'), 'utf8')) as Json);
  const all = (type: string) => jsons.flatMap((j) => Object.values(j.resource?.[type] ?? {}) as Json[]);
  return {
    acls: all('aws_wafv2_web_acl'),
    policies: all('aws_cloudfront_cache_policy'),
    distributions: all('aws_cloudfront_distribution'),
    policy,
  };
}

const MOCK_PATH = '/v1/orders/42';

describe('the AWS edge admits valid mock traffic', () => {
  const { acls, policies, distributions, policy } = synthProduction();
  const rulesOf = (acl: Json) => JSON.parse(acl.rule_json) as Json[];

  it('has the CloudFront ACL and one ALB ACL per region', () => {
    expect(acls.map((a) => a.scope).sort()).toEqual(['CLOUDFRONT', 'REGIONAL', 'REGIONAL', 'REGIONAL']);
  });

  it('lets every HTTP method with a 1 MiB body and no User-Agent through each ACL on the mock API', () => {
    for (const acl of acls) {
      const verdicts = HTTP_METHODS.map((method) => [
        method,
        evaluateWebAcl(rulesOf(acl), { method, path: MOCK_PATH, bodyBytes: EDGE_BODY_FLOOR_BYTES }).allowed,
      ]);
      expect(verdicts).toEqual(HTTP_METHODS.map((m) => [m, true]));
    }
    expect(EDGE_BODY_FLOOR_BYTES).toBe(1048576);
  });

  it('lets every probe through: all methods on the mock and management APIs, reads on the cached paths', () => {
    expect(edgeProbes()).toHaveLength(20);
    for (const acl of acls) expect(refusedProbes(rulesOf(acl), edgeProbes())).toEqual([]);
  });

  it('still enforces where the table says block: a large body on a cached path is refused', () => {
    const verdict = evaluateWebAcl(rulesOf(acls[0]!), { method: 'POST', path: '/assets/app.js', bodyBytes: EDGE_BODY_FLOOR_BYTES });
    expect(verdict).toEqual({ allowed: false, rule: 'enforce-oversizeBody' });
  });

  it('exempts by name: the core rule set counts exactly the rules the table exempts somewhere', () => {
    const crs = rulesOf(acls[0]!)[0]!;
    expect(crs.OverrideAction).toEqual({ None: {} });
    expect(crs.Statement.ManagedRuleGroupStatement.RuleActionOverrides.map((o: Json) => [o.Name, o.ActionToUse])).toEqual(
      [
        'NoUserAgent_HEADER',
        'SizeRestrictions_QUERYSTRING',
        'SizeRestrictions_BODY',
        'GenericLFI_QUERYARGUMENTS',
        'GenericLFI_URIPATH',
        'GenericLFI_BODY',
        'RestrictedExtensions_URIPATH',
        'RestrictedExtensions_QUERYARGUMENTS',
        'GenericRFI_QUERYARGUMENTS',
        'GenericRFI_BODY',
        'GenericRFI_URIPATH',
        'CrossSiteScripting_COOKIE',
        'CrossSiteScripting_QUERYARGUMENTS',
        'CrossSiteScripting_BODY',
        'CrossSiteScripting_URIPATH',
      ].map((name) => [name, { Count: {} }]),
    );
  });

  it('blocks the counted labels again off the mock API, and SQLi only there too', () => {
    const enforce = rulesOf(acls[0]!).filter((r) => r.Name.startsWith('enforce-'));
    expect(enforce.map((r) => [r.Name, r.Priority, r.Action])).toEqual([
      ['enforce-oversizeQueryString', 10, { Block: {} }],
      ['enforce-oversizeBody', 11, { Block: {} }],
      ['enforce-fileInclusion', 12, { Block: {} }],
      ['enforce-crossSiteScripting', 13, { Block: {} }],
      ['enforce-sqlInjection', 14, { Block: {} }],
    ]);
    const scopes = enforce.map((r) => r.Statement.AndStatement.Statements[1].RegexMatchStatement.RegexString);
    expect(scopes).toEqual([
      '^(?:/__mockforge/|/assets/|/static/|/configs/)',
      '^(?:/assets/|/static/|/configs/)',
      '^(?:/__mockforge/|/assets/|/static/|/configs/)',
      '^(?:/__mockforge/|/assets/|/static/|/configs/)',
      '^(?:/__mockforge/|/assets/|/static/|/configs/)',
    ]);
    expect(enforce[4]!.Statement.AndStatement.Statements[0]).toEqual({
      LabelMatchStatement: { Scope: 'NAMESPACE', Key: 'awswaf:managed:aws:sql-database:' },
    });
  });

  it('inspects the first 16 KB of a body behind CloudFront', () => {
    const cloudfront = acls.find((a) => a.scope === 'CLOUDFRONT')!;
    expect(cloudfront.association_config).toEqual({ request_body: [{ cloudfront: { default_size_inspection_limit: 'KB_16' } }] });
    expect(acls.filter((a) => a.association_config)).toHaveLength(1);
  });

  it('caches only what the origin allows: cache policies keep min_ttl 0 and the default path uses CachingDisabled', () => {
    expect(policies.map((p) => [p.name.split('-').pop(), p.min_ttl, p.default_ttl, p.max_ttl])).toEqual([
      ['assets', 0, 86400, 86400],
      ['configs', 0, 3600, 3600],
    ]);
    expect(distributions[0]!.default_cache_behavior.cache_policy_id).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(distributions[0]!.default_cache_behavior.allowed_methods).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
  });

  it('passes its own edge checks (MF_AWS_1, MF_AWS_2)', () => {
    expect(policy.stackReports).toHaveLength(4);
    const edge = policy.findings.filter((f) => f.ruleId === 'MF_AWS_1' || f.ruleId === 'MF_AWS_2');
    expect(edge).toEqual([]);
    expect(
      policy.registeredRules
        .filter((r) => r.id.startsWith('MF_AWS_'))
        .map((r) => r.id)
        .sort(),
    ).toEqual(['MF_AWS_1', 'MF_AWS_2']);
  });
});

describe('the AWS WAF evaluator', () => {
  const crsOnly = (overrides: string[]): Json[] => [
    {
      Name: 'crs',
      Priority: 1,
      OverrideAction: { None: {} },
      Statement: {
        ManagedRuleGroupStatement: {
          VendorName: 'AWS',
          Name: 'AWSManagedRulesCommonRuleSet',
          RuleActionOverrides: overrides.map((Name) => ({ Name, ActionToUse: { Count: {} } })),
        },
      },
    },
  ];

  it("models the core rule set's 8 KB body limit and missing User-Agent rule", () => {
    const put = { method: 'PUT' as const, path: MOCK_PATH, bodyBytes: EDGE_BODY_FLOOR_BYTES };
    expect(evaluateWebAcl(crsOnly([]), put)).toEqual({ allowed: false, rule: 'crs/NoUserAgent_HEADER' });
    expect(evaluateWebAcl(crsOnly(['NoUserAgent_HEADER']), put)).toEqual({ allowed: false, rule: 'crs/SizeRestrictions_BODY' });
    expect(evaluateWebAcl(crsOnly(['NoUserAgent_HEADER']), { ...put, bodyBytes: 8192 }).allowed).toBe(true);
    expect(evaluateWebAcl(crsOnly(['NoUserAgent_HEADER', 'SizeRestrictions_BODY']), put).allowed).toBe(true);
  });

  it('refuses to guess about statements it does not model', () => {
    const rules = [{ Name: 'geo', Priority: 1, Action: { Block: {} }, Statement: { GeoMatchStatement: { CountryCodes: ['XX'] } } }];
    expect(() => evaluateWebAcl(rules, { method: 'GET', path: '/', bodyBytes: 0 })).toThrow(/unmodelled statement GeoMatchStatement/);
  });
});
