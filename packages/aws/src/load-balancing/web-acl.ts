import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import {
  EDGE_PATH_CLASS_NAMES,
  EDGE_PROTECTIONS,
  EDGE_RATE_LIMIT,
  edgePathPattern,
  edgeScope,
  type CommonProps,
  type EdgeAction,
  type EdgePathClass,
  type EdgeProtection,
  type EdgeProtectionName,
} from '@mockforge-infra/core';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';
import { AWS_PLATFORM } from '../sizing';
import type { WafLogDelivery } from './waf-logs';

export interface WebAclProps extends CommonProps {
  readonly name: string;
  readonly scope: 'REGIONAL' | 'CLOUDFRONT';
  /**
   * Requests per minute one client IP may send before it is blocked, or `false` for none (an ACL
   * behind CloudFront, see `originWebAcl`).
   * @default EDGE_RATE_LIMIT.requestsPerMinutePerIp
   */
  readonly requestsPerMinutePerIp?: number | false;
  /**
   * What each path class enforces and what it only counts; tighten a path by setting its action to `block`.
   * @default EDGE_PROTECTIONS
   */
  readonly protections?: Readonly<Record<EdgeProtectionName, EdgeProtection>>;
  /** The stack's WAF log delivery, in the ACL's region (CLOUDFRONT scope: us-east-1). */
  readonly logs: WafLogDelivery;
  /** Must be the provider of `logs`. @default the stack's provider */
  readonly provider?: TerraformProvider;
}

const SECONDS_PER_MINUTE = 60;
/** Request headers kept out of WAF logs: they carry credentials and session tokens. */
export const WAF_REDACTED_HEADERS = ['authorization', 'cookie'] as const;

/** The core rule set's rules, each with the edge protection it gives and the label it adds. */
export const CORE_RULE_SET: Readonly<Record<string, { readonly protection: EdgeProtectionName; readonly label: string }>> = {
  NoUserAgent_HEADER: { protection: 'missingUserAgent', label: 'NoUserAgent_Header' },
  UserAgent_BadBots_HEADER: { protection: 'badBots', label: 'BadBots_Header' },
  SizeRestrictions_QUERYSTRING: { protection: 'oversizeQueryString', label: 'SizeRestrictions_QueryString' },
  SizeRestrictions_Cookie_HEADER: { protection: 'oversizeCookie', label: 'SizeRestrictions_Cookie_Header' },
  SizeRestrictions_BODY: { protection: 'oversizeBody', label: 'SizeRestrictions_Body' },
  SizeRestrictions_URIPATH: { protection: 'oversizeUriPath', label: 'SizeRestrictions_URIPath' },
  EC2MetaDataSSRF_BODY: { protection: 'metadataSsrf', label: 'EC2MetaDataSSRF_Body' },
  EC2MetaDataSSRF_COOKIE: { protection: 'metadataSsrf', label: 'EC2MetaDataSSRF_Cookie' },
  EC2MetaDataSSRF_URIPATH: { protection: 'metadataSsrf', label: 'EC2MetaDataSSRF_URIPath' },
  EC2MetaDataSSRF_QUERYARGUMENTS: { protection: 'metadataSsrf', label: 'EC2MetaDataSSRF_QueryArguments' },
  GenericLFI_QUERYARGUMENTS: { protection: 'fileInclusion', label: 'GenericLFI_QueryArguments' },
  GenericLFI_URIPATH: { protection: 'fileInclusion', label: 'GenericLFI_URIPath' },
  GenericLFI_BODY: { protection: 'fileInclusion', label: 'GenericLFI_Body' },
  RestrictedExtensions_URIPATH: { protection: 'fileInclusion', label: 'RestrictedExtensions_URIPath' },
  RestrictedExtensions_QUERYARGUMENTS: { protection: 'fileInclusion', label: 'RestrictedExtensions_QueryArguments' },
  GenericRFI_QUERYARGUMENTS: { protection: 'fileInclusion', label: 'GenericRFI_QueryArguments' },
  GenericRFI_BODY: { protection: 'fileInclusion', label: 'GenericRFI_Body' },
  GenericRFI_URIPATH: { protection: 'fileInclusion', label: 'GenericRFI_URIPath' },
  CrossSiteScripting_COOKIE: { protection: 'crossSiteScripting', label: 'CrossSiteScripting_Cookie' },
  CrossSiteScripting_QUERYARGUMENTS: { protection: 'crossSiteScripting', label: 'CrossSiteScripting_QueryArguments' },
  CrossSiteScripting_BODY: { protection: 'crossSiteScripting', label: 'CrossSiteScripting_Body' },
  CrossSiteScripting_URIPATH: { protection: 'crossSiteScripting', label: 'CrossSiteScripting_URIPath' },
};
export const CORE_RULE_SET_NAME = 'AWSManagedRulesCommonRuleSet';
export const CORE_RULE_SET_LABELS = 'awswaf:managed:aws:core-rule-set:';

/** Groups whose rules all give one protection: counted or enforced as a whole, labels by namespace. */
const WHOLE_GROUPS = [
  { name: 'AWSManagedRulesKnownBadInputsRuleSet', protection: 'knownExploits', labels: 'awswaf:managed:aws:known-bad-inputs:' },
  { name: 'AWSManagedRulesAmazonIpReputationList', protection: 'ipReputation', labels: 'awswaf:managed:aws:amazon-ip-list:' },
  { name: 'AWSManagedRulesSQLiRuleSet', protection: 'sqlInjection', labels: 'awswaf:managed:aws:sql-database:' },
] as const satisfies readonly { name: string; protection: EdgeProtectionName; labels: string }[];

/** Priorities: managed groups first, then the per-path enforcement of counted labels, then the rate limit. */
const ENFORCE_PRIORITY = 10;
const RATE_LIMIT_PRIORITY = 100;

function visibility(metricName: string) {
  return { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: metricName };
}

function anyOf(statements: Json[]): Json {
  return statements.length === 1 ? statements[0]! : { OrStatement: { Statements: statements } };
}

/** Matches the URL paths of the classes where a protection enforces (raw path, as MockForge routes on it). */
function pathScope(block: readonly EdgePathClass[], count: readonly EdgePathClass[]): Json {
  const regex = (classes: readonly EdgePathClass[]) => ({
    RegexMatchStatement: {
      RegexString: edgePathPattern(classes),
      FieldToMatch: { UriPath: {} },
      TextTransformations: [{ Priority: 0, Type: 'NONE' }],
    },
  });
  // The mock API is the remainder of the paths, so enforcing there means "not a counted class".
  return block.includes('mockApi') ? { NotStatement: { Statement: regex(count) } } : regex(block);
}

type Json = Record<string, unknown>;

/**
 * The managed rule groups and what each path class exempts, from core's EDGE_PROTECTIONS: a rule
 * enforced everywhere keeps its action; one exempted on some paths counts (still adding its label),
 * and a later rule blocks that label on the paths that enforce it.
 */
export function managedRules(protections: Readonly<Record<EdgeProtectionName, EdgeProtection>>): Json[] {
  const everywhere = (p: EdgeProtectionName, action: EdgeAction) => EDGE_PATH_CLASS_NAMES.every((c) => protections[p].action[c] === action);
  const counted = Object.entries(CORE_RULE_SET).filter(([, r]) => !everywhere(r.protection, 'block'));
  const core = {
    Name: CORE_RULE_SET_NAME,
    Priority: 1,
    OverrideAction: { None: {} },
    Statement: {
      ManagedRuleGroupStatement: {
        VendorName: 'AWS',
        Name: CORE_RULE_SET_NAME,
        ...(counted.length ? { RuleActionOverrides: counted.map(([Name]) => ({ Name, ActionToUse: { Count: {} } })) } : {}),
      },
    },
    VisibilityConfig: visibility(CORE_RULE_SET_NAME),
  };
  const groups = WHOLE_GROUPS.map((g, i) => ({
    Name: g.name,
    Priority: i + 2,
    OverrideAction: everywhere(g.protection, 'block') ? { None: {} } : { Count: {} },
    Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: g.name } },
    VisibilityConfig: visibility(g.name),
  }));

  // Labels of counted rules, per protection that still enforces on some paths.
  const labels = new Map<EdgeProtectionName, Json[]>();
  for (const [, rule] of counted) {
    const list = labels.get(rule.protection) ?? [];
    list.push({ LabelMatchStatement: { Scope: 'LABEL', Key: `${CORE_RULE_SET_LABELS}${rule.label}` } });
    labels.set(rule.protection, list);
  }
  for (const g of WHOLE_GROUPS) labels.set(g.protection, [{ LabelMatchStatement: { Scope: 'NAMESPACE', Key: g.labels } }]);
  const enforce = [...labels.entries()]
    .filter(([p]) => !everywhere(p, 'block') && !everywhere(p, 'count'))
    .map(([p, statements], i) => {
      const scope = edgeScope(p, protections);
      return {
        Name: `enforce-${p}`,
        Priority: ENFORCE_PRIORITY + i,
        Action: { Block: {} },
        Statement: { AndStatement: { Statements: [anyOf(statements), pathScope(scope.block, scope.count)] } },
        VisibilityConfig: visibility(`enforce-${p}`),
      };
    });
  return [core, ...groups, ...enforce];
}

/**
 * A web ACL with AWS managed rule groups and, unless it sits behind CloudFront, a per-IP rate limit,
 * logging every request (credentials redacted) to its own encrypted log group.
 * `tags` and `overrides` apply to the web ACL (`aws_wafv2_web_acl`).
 */
export class WebAcl extends Construct {
  readonly acl: Wafv2WebAcl;
  readonly arn: string;
  readonly logging: Wafv2WebAclLoggingConfiguration;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    if (props.provider !== props.logs.provider) {
      throw new Error(`web ACL ${props.name}: its log delivery must use the same provider (region)`);
    }
    const managed = managedRules(props.protections ?? EDGE_PROTECTIONS);
    const perMinute = props.requestsPerMinutePerIp ?? EDGE_RATE_LIMIT.requestsPerMinutePerIp;
    const window = AWS_PLATFORM.wafRateWindowSeconds;
    const rules =
      perMinute === false
        ? managed
        : [
            ...managed,
            {
              Name: 'rate-limit-per-ip',
              Priority: RATE_LIMIT_PRIORITY,
              Action: { Block: {} },
              Statement: {
                RateBasedStatement: {
                  Limit: (perMinute * window) / SECONDS_PER_MINUTE,
                  EvaluationWindowSec: window,
                  AggregateKeyType: 'IP',
                },
              },
              VisibilityConfig: visibility('rate-limit-per-ip'),
            },
          ];
    this.acl = new Wafv2WebAcl(this, 'acl', {
      provider: props.provider,
      name: props.name,
      scope: props.scope,
      defaultAction: { allow: {} },
      ruleJson: JSON.stringify(rules),
      // Body rules inspect the first 16 KB behind CloudFront (the ALB's 8 KB is fixed) and go on
      // past it (the managed rules' Continue handling): the mock API admits larger bodies.
      associationConfig:
        props.scope === 'CLOUDFRONT' ? { requestBody: [{ cloudfront: { defaultSizeInspectionLimit: 'KB_16' } }] } : undefined,
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: props.name, sampledRequestsEnabled: true },
    });
    applyCommonProps(this.acl, props);
    this.arn = this.acl.arn;

    const group = props.logs.logGroup(this, 'logs', props.name);
    this.logging = new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      provider: props.provider,
      resourceArn: this.acl.arn,
      logDestinationConfigs: [group.arn],
      redactedFields: WAF_REDACTED_HEADERS.map((name) => ({ singleHeader: { name } })),
      // Without the delivery's resource policy in place, WAF would write its own account-wide one.
      dependsOn: [props.logs.policy],
    });
  }
}

/**
 * The web ACL of a regional ALB behind CloudFront, named `<name>-alb`. It has no per-IP rate limit:
 * the ALB sees CloudFront edge servers, each shared by many viewers (and by the health checks), so
 * CloudFront's own ACL limits per viewer instead.
 */
export function originWebAcl(scope: Construct, id: string, name: string, logs: WafLogDelivery): WebAcl {
  return new WebAcl(scope, id, { name: `${name}-alb`, scope: 'REGIONAL', requestsPerMinutePerIp: false, logs });
}
