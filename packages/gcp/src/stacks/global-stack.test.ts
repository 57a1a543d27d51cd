import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import {
  BACKUPS,
  CDN_TTLS,
  EDGE_RATE_LIMIT,
  HEALTH_PATHS,
  LOG_RETENTION_DAYS,
  PROBES,
  TERMINATION_GRACE_SECONDS,
  WEBSOCKET_IDLE_TIMEOUT_SECONDS,
} from '@mockforge-infra/core';
import { gcpTarget } from '../target';
import { ACCESS_LOG_NONCURRENT_DAYS } from '../sizing';
import { appSynthJson, gcpContext, noPolicy, resourcesOf } from '../testing/fixtures';
import { GKE_CONSTRUCTS } from './gke';
import { GcpGlobalStack } from './global-stack';
import { GcpRegionalStack } from './regional-stack';

function globalStack(tier: 'dev' | 'staging' | 'production', configChanges = {}) {
  const context = gcpContext(tier, {}, configChanges);
  const app = Testing.app();
  const regions: GcpRegionalStack[] = [];
  for (const region of context.topology.regions)
    regions.push(new GcpRegionalStack(app, { context, region, policy: noPolicy(), primary: regions[0] }));
  const stack = new GcpGlobalStack(app, { context, regions, policy: noPolicy() });
  return { stack, json: appSynthJson(stack) };
}

describe('GcpGlobalStack', () => {
  const { stack, json } = globalStack('production');
  const backends = resourcesOf(json, 'google_compute_backend_service') as any[];
  const byName = (suffix: string) => backends.find((b) => b.name.endsWith(suffix));

  it('is named <tier>-gcp-global', () => {
    expect(stack.node.id).toBe('production-gcp-global');
  });

  it('puts one serverless NEG per region behind each EXTERNAL_MANAGED backend, with logging and Cloud Armor', () => {
    expect(backends).toHaveLength(3);
    for (const backend of backends) {
      expect(backend).toMatchObject({ load_balancing_scheme: 'EXTERNAL_MANAGED', protocol: 'HTTPS', log_config: { enable: true } });
      expect(backend.security_policy).toContain('google_compute_security_policy');
      expect(backend.backend).toHaveLength(3);
      expect(backend.backend[0].group).toContain('terraform_remote_state');
    }
  });

  it('caches assets 24 h and configs 1 h, and never the API', () => {
    expect(byName('-api').enable_cdn).toBe(false);
    expect(byName('-assets').cdn_policy).toMatchObject({
      default_ttl: CDN_TTLS.assetsSeconds,
      max_ttl: CDN_TTLS.assetsSeconds,
      cache_mode: 'CACHE_ALL_STATIC',
    });
    expect(byName('-assets').cdn_policy.default_ttl).toBe(86400);
    expect(byName('-configs').cdn_policy.default_ttl).toBe(3600);
    const urlMap = (resourcesOf(json, 'google_compute_url_map') as any[]).find((m) => m.path_matcher);
    expect(urlMap.path_matcher[0].path_rule.map((r: any) => r.paths)).toEqual([['/assets/*', '/static/*'], ['/configs/*']]);
  });

  it('blocks cve-canary and OWASP attacks and rate-limits clients', () => {
    const armor = resourcesOf(json, 'google_compute_security_policy')[0] as any;
    expect(armor.rule.find((r: any) => r.match.expr?.expression === "evaluatePreconfiguredExpr('cve-canary')")).toMatchObject({
      action: 'deny(403)',
      preview: false,
    });
    expect(armor.rule.some((r: any) => r.match.expr?.expression.includes('sqli-v33-stable'))).toBe(true);
    const ban = armor.rule.find((r: any) => r.action === 'rate_based_ban').rate_limit_options;
    expect(ban.enforce_on_key).toBe('IP');
    // Core's per-client limit per minute, over a 60 s interval.
    expect(ban.rate_limit_threshold).toEqual({ count: EDGE_RATE_LIMIT.requestsPerMinutePerIp, interval_sec: 60 });
    expect(ban.rate_limit_threshold.count).toBe(600);
  });

  it('serves HTTPS with a managed certificate and a MODERN TLS 1.2 policy, and redirects HTTP', () => {
    const policies = json.resource.google_compute_ssl_policy as Record<string, any>;
    const proxy = resourcesOf(json, 'google_compute_target_https_proxy')[0] as any;
    const policyKey = /^\$\{google_compute_ssl_policy\.([\w-]+)\.id\}$/.exec(proxy.ssl_policy)?.[1];
    expect(policies[policyKey!]).toMatchObject({ profile: 'MODERN', min_tls_version: 'TLS_1_2' });
    expect(resourcesOf(json, 'google_compute_managed_ssl_certificate')[0]).toMatchObject({ managed: { domains: ['mocks.example.com'] } });
    expect(proxy.ssl_certificates).toEqual([expect.stringMatching(/^\$\{google_compute_managed_ssl_certificate\.[\w-]+\.id\}$/)]);
    const redirect = (resourcesOf(json, 'google_compute_url_map') as any[]).find((m) => m.default_url_redirect);
    expect(redirect.default_url_redirect).toMatchObject({ https_redirect: true });
    expect((resourcesOf(json, 'google_compute_global_forwarding_rule') as any[]).map((r) => r.port_range).sort()).toEqual(['443', '80']);
  });

  it('uses a provided Certificate Manager certificate when tls.mode is provided', () => {
    const provided = globalStack('dev', { tls: { mode: 'provided', gcpCertificate: 'mocks-cert' } }).json;
    expect(resourcesOf(provided, 'google_compute_managed_ssl_certificate')).toHaveLength(0);
    expect((resourcesOf(provided, 'google_compute_target_https_proxy')[0] as any).certificate_manager_certificates).toEqual([
      'projects/mockforge-example/locations/global/certificates/mocks-cert',
    ]);
  });

  it('points the zone apex at the anycast address', () => {
    expect(resourcesOf(json, 'google_dns_managed_zone')[0]).toMatchObject({
      dns_name: 'mocks.example.com.',
      dnssec_config: { state: 'on' },
    });
    expect(resourcesOf(json, 'google_dns_record_set')[0]).toMatchObject({ type: 'A' });
  });

  it('checks readiness through the load balancer and alerts below 99 % for 10 minutes', () => {
    expect(resourcesOf(json, 'google_monitoring_uptime_check_config')[0]).toMatchObject({
      http_check: { path: HEALTH_PATHS.readiness, use_ssl: true },
    });
    const policy = resourcesOf(json, 'google_monitoring_alert_policy')[0] as any;
    expect(policy.severity).toBe('CRITICAL');
    expect(policy.conditions[0].condition_threshold).toMatchObject({ threshold_value: 0.99, comparison: 'COMPARISON_LT' });
    expect(policy.conditions[0].condition_threshold.aggregations[0].alignment_period).toBe('600s');
  });

  it('expires access logs after the log retention and their noncurrent versions after a week', () => {
    const logs = (resourcesOf(json, 'google_storage_bucket') as any[]).find((b) => b.name.endsWith('-logs'));
    expect(logs.versioning).toEqual({ enabled: true });
    expect(logs.lifecycle_rule).toEqual([
      { condition: { age: LOG_RETENTION_DAYS }, action: { type: 'Delete' } },
      { condition: { days_since_noncurrent_time: ACCESS_LOG_NONCURRENT_DAYS }, action: { type: 'Delete' } },
    ]);
    expect(logs.lifecycle_rule[1].condition.days_since_noncurrent_time).toBe(7);
  });

  it('keeps config for 90 days and state for 7 in a locked-down, versioned, logged bucket', () => {
    const bucket = (resourcesOf(json, 'google_storage_bucket') as any[]).find((b) => b.name.endsWith('-config'));
    expect(bucket).toMatchObject({
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      versioning: { enabled: true },
      location: 'US',
    });
    expect(bucket.logging.log_bucket).toContain('google_storage_bucket');
    expect(bucket.lifecycle_rule.map((r: any) => r.condition.days_since_noncurrent_time)).toEqual([
      BACKUPS.config.retentionDays,
      BACKUPS.state.retentionDays,
    ]);
    expect(bucket.lifecycle_rule.map((r: any) => r.condition.days_since_noncurrent_time)).toEqual([90, 7]);
  });
});

describe('GcpGlobalStack hostnames', () => {
  it('gives each tier its own zone, certificate and uptime-check host', () => {
    const byTier = (['dev', 'staging', 'production'] as const).map((tier) => {
      const { json } = globalStack(tier);
      return {
        zone: (resourcesOf(json, 'google_dns_managed_zone')[0] as any).dns_name,
        certificate: (resourcesOf(json, 'google_compute_managed_ssl_certificate')[0] as any).managed.domains,
        uptime: (resourcesOf(json, 'google_monitoring_uptime_check_config')[0] as any).monitored_resource.labels.host,
      };
    });
    expect(byTier).toEqual([
      { zone: 'dev.mocks.example.com.', certificate: ['dev.mocks.example.com'], uptime: 'dev.mocks.example.com' },
      { zone: 'staging.mocks.example.com.', certificate: ['staging.mocks.example.com'], uptime: 'staging.mocks.example.com' },
      { zone: 'mocks.example.com.', certificate: ['mocks.example.com'], uptime: 'mocks.example.com' },
    ]);
  });
});

describe('GcpGlobalStack with GKE compute', () => {
  // Production on GKE in three regions, as in docs/examples/kubernetes-multi-region.yaml.
  const context = gcpContext('production', { compute: { gcp: 'gke' }, topology: 'hybrid' });
  const app = Testing.app();
  const stacks = gcpTarget.addStacks(app, context, noPolicy());
  const global = stacks.find((s) => s.node.id === 'production-gcp-global')!;
  const json = appSynthJson(global) as any;
  const backends = resourcesOf(json, 'google_compute_backend_service') as any[];
  const byName = (suffix: string) => backends.find((b) => b.name.endsWith(suffix));
  const zones = {
    'us-central1': ['us-central1-a', 'us-central1-b', 'us-central1-c'],
    'europe-west1': ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'],
    'asia-south1': ['asia-south1-a', 'asia-south1-b', 'asia-south1-c'],
  };

  it('reads the standalone NEG of every GKE region in each of its node zones, by name', () => {
    const negs = json.data.google_compute_network_endpoint_group as Record<string, any>;
    const read = Object.fromEntries(Object.entries(negs).map(([key, n]) => [key, { name: n.name, zone: n.zone }]));
    expect(read).toEqual(
      Object.fromEntries(
        Object.entries(zones).flatMap(([region, list]) =>
          list.map((zone) => [`pods-${zone}`, { name: `mockforge-production-${region}-pods`, zone }]),
        ),
      ),
    );
  });

  it('puts all nine pod NEGs behind each backend service, balanced by rate per endpoint, with Cloud Armor and logging', () => {
    expect(backends.map((b) => b.name)).toEqual([
      'mockforge-production-api',
      'mockforge-production-assets',
      'mockforge-production-configs',
    ]);
    // In the configuration's region order, each region's zones in turn.
    const refs = Object.values(zones)
      .flat()
      .map((zone) => `\${data.google_compute_network_endpoint_group.pods-${zone}.self_link}`);
    for (const backend of backends) {
      expect(backend).toMatchObject({
        load_balancing_scheme: 'EXTERNAL_MANAGED',
        protocol: 'HTTP',
        timeout_sec: WEBSOCKET_IDLE_TIMEOUT_SECONDS,
        connection_draining_timeout_sec: TERMINATION_GRACE_SECONDS,
        log_config: { enable: true, sample_rate: 1 },
      });
      expect(backend.security_policy).toMatch(/^\$\{google_compute_security_policy\.edge_armor_policy_[A-Z0-9]+\.id\}$/);
      expect(backend.backend).toEqual(refs.map((group) => ({ group, balancing_mode: 'RATE', max_rate_per_endpoint: 1000 / 60 })));
      expect(backend.health_checks).toEqual([
        expect.stringMatching(/^\$\{google_compute_health_check\.edge_health-check_[A-Z0-9]+\.id\}$/),
      ]);
    }
  });

  it('checks pod readiness on the HTTP port at the readiness probe’s cadence: a failing pod is out after 30 s, not 90 s', () => {
    expect(PROBES.readiness).toMatchObject({ periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3, successThreshold: 1 });
    expect(resourcesOf(json, 'google_compute_health_check')).toEqual([
      expect.objectContaining({
        name: 'mockforge-production-edge-ready',
        check_interval_sec: 10,
        timeout_sec: 3,
        healthy_threshold: 1,
        unhealthy_threshold: 3,
        http_health_check: { port: 3000, port_specification: 'USE_FIXED_PORT', request_path: HEALTH_PATHS.readiness },
        log_config: { enable: true },
      }),
    ]);
  });

  it('caches assets 24 h and configs 1 h on the GKE backends, never the API', () => {
    expect(byName('-api').enable_cdn).toBe(false);
    expect(byName('-assets')).toMatchObject({
      enable_cdn: true,
      cdn_policy: { default_ttl: CDN_TTLS.assetsSeconds, cache_mode: 'CACHE_ALL_STATIC' },
    });
    expect(byName('-configs')).toMatchObject({
      enable_cdn: true,
      cdn_policy: { default_ttl: CDN_TTLS.configsSeconds, cache_mode: 'CACHE_ALL_STATIC' },
    });
  });

  it('serves HTTPS with the SSL policy and redirects HTTP, on the anycast address DNS points at', () => {
    expect(resourcesOf(json, 'google_compute_target_https_proxy')[0]).toMatchObject({
      ssl_policy: expect.stringContaining('google_compute_ssl_policy'),
    });
    expect(
      resourcesOf(json, 'google_compute_url_map')
        .map((m: any) => m.name)
        .sort(),
    ).toEqual(['mockforge-production-edge', 'mockforge-production-edge-redirect']);
    expect(resourcesOf(json, 'google_compute_global_address')).toEqual([expect.objectContaining({ name: 'mockforge-production-edge' })]);
    expect(resourcesOf(json, 'google_dns_record_set')[0]).toMatchObject({
      rrdatas: [expect.stringContaining('google_compute_global_address.edge_address')],
    });
  });

  it('depends on every workload stack, whose Service creates the NEGs it reads, and on no other', () => {
    const manifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8'));
    const workloads = Object.keys(zones).map((region) => `production-gcp-${region}-workload`);
    expect(manifest.stacks['production-gcp-global'].dependencies).toEqual(expect.arrayContaining(workloads));
    for (const workload of workloads) expect(manifest.stacks[workload].dependencies).not.toContain('production-gcp-global');
    // The deploy workflow's order: every workload before the global stack.
    const { stackOrder } = createRequire(__filename)(join(__dirname, '../../../../.github/scripts/stack-order.cjs')) as {
      stackOrder: (m: unknown, glob: string) => { order: string[] };
    };
    const { order } = stackOrder(manifest, 'production-gcp-*');
    for (const workload of workloads) expect(order.indexOf(workload)).toBeLessThan(order.indexOf('production-gcp-global'));
  });

  it('is refused without backends of either kind', () => {
    const bare = gcpContext('staging', { compute: { gcp: 'gke' } });
    const app2 = Testing.app();
    const regions = [
      new GcpRegionalStack(app2, { context: bare, region: bare.topology.primaryRegion, policy: noPolicy(), gke: GKE_CONSTRUCTS }),
    ];
    expect(() => new GcpGlobalStack(app2, { context: bare, regions, policy: noPolicy() })).toThrow(
      'pass serverless NEGs (endpointGroupIds) or pod NEGs (podEndpointGroups), one of the two',
    );
  });
});
