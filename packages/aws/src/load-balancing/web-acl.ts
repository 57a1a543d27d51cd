import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { EDGE_RATE_LIMIT, type CommonProps } from '@mockforge-infra/core';
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
  /** The stack's WAF log delivery, in the ACL's region (CLOUDFRONT scope: us-east-1). */
  readonly logs: WafLogDelivery;
  /** Must be the provider of `logs`. @default the stack's provider */
  readonly provider?: TerraformProvider;
}

const SECONDS_PER_MINUTE = 60;
/** Request headers kept out of WAF logs: they carry credentials and session tokens. */
export const WAF_REDACTED_HEADERS = ['authorization', 'cookie'] as const;
const MANAGED_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesAmazonIpReputationList',
] as const;

function visibility(metricName: string) {
  return { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: metricName };
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
    const managed = MANAGED_GROUPS.map((group, i) => ({
      Name: group,
      Priority: i + 1,
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: group } },
      VisibilityConfig: visibility(group),
    }));
    const perMinute = props.requestsPerMinutePerIp ?? EDGE_RATE_LIMIT.requestsPerMinutePerIp;
    const window = AWS_PLATFORM.wafRateWindowSeconds;
    const rules =
      perMinute === false
        ? managed
        : [
            ...managed,
            {
              Name: 'rate-limit-per-ip',
              Priority: MANAGED_GROUPS.length + 1,
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
