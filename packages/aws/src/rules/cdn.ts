import type { PolicyRule } from '@mockforge-infra/core';
import type { SynthesizedResource, SynthesizedStack } from '@mockforge-infra/core';
import { AWS_PLATFORM } from '../sizing';
import { attr, attrs, attributeRule, customRule, isSet, isTrue } from './helpers';

const DISTRIBUTION = ['aws_cloudfront_distribution'];
const SECURE_VIEWER = ['redirect-to-https', 'https-only'];
const MODERN_TLS = ['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];

/** Why a behaviour's cache policy could serve one client's response to another, or undefined. */
function forcedCaching(policyId: unknown, stack: SynthesizedStack, dynamic: boolean): string | undefined {
  if (policyId === AWS_PLATFORM.cloudFrontManaged.cachingDisabled) return undefined;
  const policy: SynthesizedResource | undefined = stack.resolve(policyId);
  if (!policy) return dynamic ? `cache policy ${JSON.stringify(policyId)} is not CachingDisabled on the dynamic default path` : undefined;
  const ttl = (name: string) => Number(attr(policy.attributes, name) ?? 0);
  if (ttl('min_ttl') > 0) return `${policy.address} has min_ttl ${ttl('min_ttl')}, which caches responses marked private or no-store`;
  if (dynamic && (ttl('default_ttl') > 0 || ttl('max_ttl') > 0)) {
    return `${policy.address} caches the dynamic default path (default_ttl ${ttl('default_ttl')}, max_ttl ${ttl('max_ttl')})`;
  }
  return undefined;
}

type Origin = { domain_name?: string; origin_access_control_id?: string; custom_origin_config?: unknown };

export const cdnRules: readonly PolicyRule[] = [
  customRule(
    {
      id: 'CKV_AWS_34',
      aliases: ['AWS-0012'],
      severity: 'error',
      description: 'CloudFront serves viewers over HTTPS only',
      resourceTypes: DISTRIBUTION,
    },
    (r) => {
      const policies = [
        ...attrs(r.attributes, 'default_cache_behavior.viewer_protocol_policy'),
        ...attrs(r.attributes, 'ordered_cache_behavior.viewer_protocol_policy'),
      ];
      const bad = policies.filter((p) => !SECURE_VIEWER.includes(p as string));
      return policies.length > 0 && bad.length === 0
        ? undefined
        : `viewer_protocol_policy must be redirect-to-https or https-only (found ${JSON.stringify(bad)})`;
    },
  ),
  customRule(
    {
      id: 'CKV_AWS_174',
      aliases: ['AWS-0013'],
      severity: 'error',
      description: 'CloudFront requires TLS 1.2 (2021) or newer',
      resourceTypes: DISTRIBUTION,
    },
    (r) => {
      if (isTrue(attr(r.attributes, 'viewer_certificate.cloudfront_default_certificate')))
        return 'the default certificate allows TLS 1.0; use an ACM certificate';
      const version = attr(r.attributes, 'viewer_certificate.minimum_protocol_version');
      return MODERN_TLS.includes(version as string)
        ? undefined
        : `minimum_protocol_version ${JSON.stringify(version)} is older than TLSv1.2_2021`;
    },
  ),
  attributeRule(
    {
      id: 'CKV_AWS_68',
      aliases: ['AWS-0011'],
      severity: 'error',
      description: 'CloudFront is protected by a WAF',
      resourceTypes: DISTRIBUTION,
    },
    'web_acl_id',
    isSet,
    'web_acl_id set',
  ),
  attributeRule(
    {
      id: 'CKV_AWS_86',
      aliases: ['AWS-0010'],
      severity: 'warning',
      description: 'CloudFront writes access logs',
      resourceTypes: DISTRIBUTION,
    },
    'logging_config.bucket',
    isSet,
    'logging_config.bucket set',
  ),
  customRule(
    { id: 'CKV_AWS_310', severity: 'warning', description: 'CloudFront fails over between origins', resourceTypes: DISTRIBUTION },
    (r) => {
      const groups = attrs(r.attributes, 'origin_group') as { failover_criteria?: unknown; member?: unknown[] }[];
      const ok = groups.some((g) => isSet(g.failover_criteria) && Array.isArray(g.member) && g.member.length >= 2);
      return ok ? undefined : 'an origin_group with failover_criteria and two members is required';
    },
  ),
  customRule(
    { id: 'CKV2_AWS_32', severity: 'warning', description: 'CloudFront attaches a response headers policy', resourceTypes: DISTRIBUTION },
    (r) =>
      isSet(attr(r.attributes, 'default_cache_behavior.response_headers_policy_id'))
        ? undefined
        : 'default_cache_behavior.response_headers_policy_id set',
  ),
  customRule(
    {
      id: 'CKV2_AWS_46',
      severity: 'warning',
      description: 'CloudFront reaches S3 origins through origin access control',
      resourceTypes: DISTRIBUTION,
    },
    (r) => {
      const s3 = (attrs(r.attributes, 'origin') as Origin[]).filter((o) => !o.custom_origin_config && /\.s3[.-]/.test(o.domain_name ?? ''));
      return s3.every((o) => isSet(o.origin_access_control_id)) ? undefined : 'S3 origins need origin_access_control_id';
    },
  ),
  customRule(
    { id: 'CKV2_AWS_54', severity: 'warning', description: 'CloudFront does not offer SSLv3 to origins', resourceTypes: DISTRIBUTION },
    (r) => {
      const protocols = attrs(r.attributes, 'origin.custom_origin_config.origin_ssl_protocols');
      return protocols.includes('SSLv3') ? 'origin_ssl_protocols includes SSLv3' : undefined;
    },
  ),
  customRule(
    {
      id: 'CKV2_AWS_72',
      severity: 'warning',
      description: 'CloudFront reaches custom origins over HTTPS only',
      resourceTypes: DISTRIBUTION,
    },
    (r) => {
      const policies = attrs(r.attributes, 'origin.custom_origin_config.origin_protocol_policy');
      return policies.every((p) => p === 'https-only')
        ? undefined
        : `origin_protocol_policy must be https-only (found ${JSON.stringify(policies)})`;
    },
  ),
  customRule(
    {
      id: 'MF_AWS_2',
      severity: 'error',
      description: 'CloudFront never caches private responses: cache policies keep min_ttl 0, and the dynamic default path is not cached',
      resourceTypes: DISTRIBUTION,
    },
    (r, stack) => {
      const legacy = [...attrs(r.attributes, 'default_cache_behavior.min_ttl'), ...attrs(r.attributes, 'ordered_cache_behavior.min_ttl')];
      if (legacy.some((t) => Number(t) > 0))
        return 'a cache behaviour sets min_ttl above 0, which caches responses marked private or no-store';
      const problems = [
        forcedCaching(attr(r.attributes, 'default_cache_behavior.cache_policy_id'), stack, true),
        ...attrs(r.attributes, 'ordered_cache_behavior.cache_policy_id').map((id) => forcedCaching(id, stack, false)),
      ].filter((p): p is string => p !== undefined);
      return problems.length ? problems.join('; ') : undefined;
    },
  ),
];
