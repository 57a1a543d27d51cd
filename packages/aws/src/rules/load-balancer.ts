import type { PolicyRule } from '@mockforge-infra/core';
import { attr, attributeRule, customRule, isFalse, isSet, isTrue } from './helpers';

const LB = ['aws_lb', 'aws_alb'];
const LISTENER = ['aws_lb_listener', 'aws_alb_listener'];
const TARGET_GROUP = ['aws_lb_target_group', 'aws_alb_target_group'];
const SECURE_PROTOCOLS = ['HTTPS', 'TLS'];
/** Checkov's accepted families; Trivy rejects the weaker TLS13 variants below. */
const ACCEPTED_POLICY = /^ELBSecurityPolicy-(TLS13-|TLS-1-2-|FS-1-2-)/;
const TRIVY_REJECTED = [
  'ELBSecurityPolicy-TLS13-1-0-2021-06',
  'ELBSecurityPolicy-TLS13-1-1-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
];

const lbType = (r: { attributes: Readonly<Record<string, unknown>> }) =>
  (attr(r.attributes, 'load_balancer_type') as string | undefined) ?? 'application';

export const loadBalancerRules: readonly PolicyRule[] = [
  customRule({ id: 'CKV_AWS_91', severity: 'warning', description: 'Load balancer writes access logs', resourceTypes: LB }, (r) =>
    isSet(attr(r.attributes, 'access_logs.bucket')) && !isFalse(attr(r.attributes, 'access_logs.enabled'))
      ? undefined
      : 'access_logs { bucket, enabled = true } required',
  ),
  customRule(
    { id: 'CKV_AWS_131', aliases: ['AWS-0052'], severity: 'error', description: 'ALB drops invalid header fields', resourceTypes: LB },
    (r) =>
      lbType(r) !== 'application' || isTrue(attr(r.attributes, 'drop_invalid_header_fields'))
        ? undefined
        : 'drop_invalid_header_fields = true',
  ),
  attributeRule(
    { id: 'CKV_AWS_150', severity: 'warning', description: 'Load balancer has deletion protection', resourceTypes: LB },
    'enable_deletion_protection',
    isTrue,
    'enable_deletion_protection = true',
  ),
  customRule(
    { id: 'CKV_AWS_152', severity: 'warning', description: 'Network/gateway load balancer balances across zones', resourceTypes: LB },
    (r) =>
      lbType(r) === 'application' || isTrue(attr(r.attributes, 'enable_cross_zone_load_balancing'))
        ? undefined
        : 'enable_cross_zone_load_balancing = true',
  ),
  attributeRule(
    { id: 'CKV_AWS_328', severity: 'warning', description: 'Load balancer mitigates HTTP desync', resourceTypes: LB },
    'desync_mitigation_mode',
    (v) => v === undefined || v === 'defensive' || v === 'strictest',
    'desync_mitigation_mode defensive or strictest',
  ),
  customRule({ id: 'CKV2_AWS_28', severity: 'warning', description: 'Public ALB is protected by a WAF', resourceTypes: LB }, (r, stack) => {
    if (isTrue(attr(r.attributes, 'internal')) || lbType(r) !== 'application') return undefined;
    return stack.referencing('aws_wafv2_web_acl_association', r).length > 0
      ? undefined
      : 'no aws_wafv2_web_acl_association references this load balancer';
  }),
  attributeRule(
    { id: 'AWS-0053', severity: 'error', description: 'Load balancer is internal', resourceTypes: LB },
    'internal',
    isTrue,
    'internal = true',
  ),
  customRule(
    {
      id: 'CKV_AWS_2',
      aliases: ['AWS-0054', 'CKV2_AWS_20'],
      severity: 'error',
      description: 'Listener uses TLS or redirects HTTP to HTTPS',
      resourceTypes: LISTENER,
    },
    (r) => {
      const protocol = attr(r.attributes, 'protocol') as string | undefined;
      if (protocol && SECURE_PROTOCOLS.includes(protocol)) return undefined;
      if (protocol === 'HTTP' && attr(r.attributes, 'default_action.redirect.protocol') === 'HTTPS') return undefined;
      if (protocol === 'TCP' || protocol === 'UDP' || protocol === 'TCP_UDP' || protocol === 'GENEVE') return undefined;
      return `protocol ${protocol ?? 'HTTP'} without a redirect to HTTPS`;
    },
  ),
  customRule(
    {
      id: 'CKV_AWS_103',
      aliases: ['AWS-0047'],
      severity: 'error',
      description: 'TLS listener uses a TLS 1.2+ policy',
      resourceTypes: LISTENER,
    },
    (r) => {
      if (!SECURE_PROTOCOLS.includes(attr(r.attributes, 'protocol') as string)) return undefined;
      const policy = attr(r.attributes, 'ssl_policy');
      if (typeof policy === 'string' && ACCEPTED_POLICY.test(policy) && !TRIVY_REJECTED.includes(policy)) return undefined;
      return `ssl_policy ${JSON.stringify(policy)} is not a TLS 1.2+ policy both scanners accept`;
    },
  ),
  customRule(
    { id: 'CKV2_AWS_74', severity: 'warning', description: 'TLS listener sets its security policy explicitly', resourceTypes: LISTENER },
    (r) => {
      if (!SECURE_PROTOCOLS.includes(attr(r.attributes, 'protocol') as string)) return undefined;
      const policy = attr(r.attributes, 'ssl_policy');
      return typeof policy === 'string' && !/2016-08|TLS-1-0|TLS-1-1/.test(policy)
        ? undefined
        : 'ssl_policy must be set to a modern policy';
    },
  ),
  customRule(
    { id: 'CKV_AWS_261', severity: 'warning', description: 'HTTP target group has a health check path', resourceTypes: TARGET_GROUP },
    (r) => {
      const protocol = (attr(r.attributes, 'protocol') as string | undefined) ?? 'HTTP';
      if (!['HTTP', 'HTTPS'].includes(protocol)) return undefined;
      return isSet(attr(r.attributes, 'health_check.path')) ? undefined : 'health_check.path set';
    },
  ),
  attributeRule(
    { id: 'CKV_AWS_378', severity: 'warning', description: 'Target group does not use plain HTTP', resourceTypes: TARGET_GROUP },
    'protocol',
    (v) => v !== undefined && v !== 'HTTP',
    'protocol other than HTTP',
  ),
];
