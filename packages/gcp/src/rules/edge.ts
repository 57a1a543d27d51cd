import { attr, attrs, edgeProbes, type PolicyRule } from '@mockforge-infra/core';
import { refusedProbes } from '../load-balancing/armor-evaluator';
import { equals } from './helpers';

const BACKEND = ['google_compute_backend_service'];

export const edgeRules: readonly PolicyRule[] = [
  {
    id: 'CKV_GCP_4',
    aliases: ['GCP-0039'],
    severity: 'error',
    description: 'SSL policies allow only TLS 1.2+ with modern ciphers (RESTRICTED, or MODERN with TLS_1_2)',
    resourceTypes: ['google_compute_ssl_policy'],
    check: (r) => {
      const profile = attr(r.attributes, 'profile');
      const min = attr(r.attributes, 'min_tls_version');
      if (profile === 'RESTRICTED' || (profile === 'MODERN' && (min === 'TLS_1_2' || min === 'TLS_1_3'))) return undefined;
      return `profile ${JSON.stringify(profile)} with min_tls_version ${JSON.stringify(min)}`;
    },
  },
  {
    id: 'CKV_GCP_73',
    severity: 'warning',
    description: "Cloud Armor denies the Log4j 'cve-canary' preconfigured rule (not in preview)",
    resourceTypes: ['google_compute_security_policy'],
    check: (r) => {
      const rules = attrs(r.attributes, 'rule') as { action?: string; preview?: boolean; match?: unknown }[];
      const enforcing = (rule: (typeof rules)[number]) => String(rule.action).startsWith('deny') && rule.preview !== true;
      const blocks = rules.some((rule) => enforcing(rule) && JSON.stringify(rule.match ?? '').includes("'cve-canary'"));
      return blocks ? undefined : 'no enforcing deny rule for cve-canary';
    },
  },
  equals(
    { id: 'MF_GCP_5', severity: 'warning', description: 'Backend services log requests', resourceTypes: BACKEND },
    'log_config.enable',
    true,
  ),
  {
    id: 'MF_GCP_6',
    severity: 'error',
    description: 'Backend services behind a public load balancer have a Cloud Armor policy',
    resourceTypes: BACKEND,
    check: (r) => (attr(r.attributes, 'security_policy') ? undefined : 'no security_policy'),
  },
  equals(
    { id: 'MF_GCP_7', severity: 'warning', description: 'Backend services reach their backends over HTTPS', resourceTypes: BACKEND },
    'protocol',
    'HTTPS',
  ),
  {
    id: 'MF_GCP_8',
    severity: 'error',
    description: 'HTTPS proxies pin an SSL policy',
    resourceTypes: ['google_compute_target_https_proxy'],
    check: (r) => (attr(r.attributes, 'ssl_policy') ? undefined : 'no ssl_policy'),
  },
  {
    id: 'MF_GCP_13',
    severity: 'error',
    description:
      'Cloud Armor admits valid mock traffic: every HTTP method and bodies up to the edge floor (method enforcement scoped off the mock API)',
    resourceTypes: ['google_compute_security_policy'],
    check: (r) => {
      const refused = refusedProbes(attrs(r.attributes, 'rule') as Record<string, unknown>[], edgeProbes());
      return refused.length === 0
        ? undefined
        : `blocks valid mock traffic: ${refused.slice(0, 3).join('; ')}${refused.length > 3 ? ` and ${refused.length - 3} more` : ''}`;
    },
  },
  {
    id: 'MF_GCP_17',
    severity: 'error',
    description:
      'Zonal NEG backends (GKE pods) balance by RATE with max_rate_per_endpoint: the API rejects UTILIZATION and a backend without a capacity',
    resourceTypes: BACKEND,
    check: (r) => {
      const backends = attrs(r.attributes, 'backend') as { group?: unknown; balancing_mode?: unknown; max_rate_per_endpoint?: unknown }[];
      // Zonal NEGs by reference or URL; serverless NEGs (region_network_endpoint_group) take no balancing mode.
      const zonal = backends.filter((b) =>
        /(^|[^_])network_endpoint_group|\/zones\/[^/]+\/networkEndpointGroups\//.test(String(b.group ?? '')),
      );
      const bad = zonal.filter((b) => b.balancing_mode !== 'RATE' || !(Number(b.max_rate_per_endpoint) > 0));
      return bad.length === 0
        ? undefined
        : `${bad.length} zonal NEG backend(s) without balancing_mode RATE and a max_rate_per_endpoint: ${bad.map((b) => String(b.group)).join(', ')}`;
    },
  },
  {
    id: 'MF_GCP_14',
    severity: 'error',
    description: 'Cloud CDN honours the origin: no FORCE_CACHE_ALL, which caches responses marked private or carrying Set-Cookie',
    resourceTypes: [...BACKEND, 'google_compute_backend_bucket'],
    check: (r) =>
      attr(r.attributes, 'cdn_policy.cache_mode') === 'FORCE_CACHE_ALL'
        ? 'cdn_policy.cache_mode FORCE_CACHE_ALL ignores private, no-store and no-cache; use CACHE_ALL_STATIC or USE_ORIGIN_HEADERS'
        : undefined,
  },
];
