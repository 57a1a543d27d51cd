import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { ALERTS, CLOUD_RUN, ENV, HEALTH_PATHS, LOG_RETENTION_DAYS, PORTS, PROBES, SECRET_KEYS } from '@mockforge-infra/core';
import { FLOW_LOGS } from '../sizing';
import { gcpContext, noPolicy, resourcesOf, synthJson } from '../testing/fixtures';
import { GKE_CONSTRUCTS } from './gke';
import { GcpRegionalStack } from './regional-stack';

function regional(tier: 'dev' | 'staging' | 'production') {
  const context = gcpContext(tier);
  const stack = new GcpRegionalStack(Testing.app(), { context, region: context.topology.primaryRegion, policy: noPolicy() });
  return { context, stack, json: synthJson(stack) };
}

describe('GcpRegionalStack (Cloud Run)', () => {
  const production = regional('production');
  const service = resourcesOf(production.json, 'google_cloud_run_v2_service')[0] as any;
  const app = service.template.containers[0];

  it('names the stack by convention', () => {
    expect(production.stack.node.id).toBe('production-gcp-us-central1');
  });

  it('runs the guide production Cloud Run numbers (medium: 5 instances minimum)', () => {
    expect(service.template.scaling.min_instance_count).toBe(5);
    expect(service.template.scaling.max_instance_count).toBe(CLOUD_RUN.maxInstances);
    expect(service.template.scaling.max_instance_count).toBe(100);
    expect(service.template.max_instance_request_concurrency).toBe(80);
    expect(app.resources.limits).toEqual({ cpu: '2', memory: '2Gi' });
    expect(app.ports.container_port).toBe(PORTS.http);
    expect(app.ports.container_port).toBe(3000);
  });

  it('probes startup and liveness with the seed numbers', () => {
    expect(app.startup_probe).toMatchObject({
      http_get: { path: HEALTH_PATHS.startup, port: 3000 },
      period_seconds: PROBES.startup.periodSeconds,
      failure_threshold: 30,
    });
    expect(app.liveness_probe).toMatchObject({
      http_get: { path: '/health/live' },
      period_seconds: 30,
      timeout_seconds: PROBES.liveness.timeoutSeconds,
    });
  });

  it('is private behind the load balancer, gen2, protected, with direct VPC egress', () => {
    expect(service.ingress).toBe('INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER');
    expect(service.template.execution_environment).toBe('EXECUTION_ENVIRONMENT_GEN2');
    expect(service.deletion_protection).toBe(true);
    expect(service.template.vpc_access.network_interfaces[0].subnetwork).toContain('google_compute_subnetwork');
  });

  it('pulls the pinned image through the Artifact Registry remote repository', () => {
    expect(app.image).toBe('us-central1-docker.pkg.dev/mockforge-example/mockforge-production-ghcr/saasy-solutions/mockforge:0.3.213');
    const repo = resourcesOf(production.json, 'google_artifact_registry_repository')[0] as any;
    expect(repo).toMatchObject({
      mode: 'REMOTE_REPOSITORY',
      format: 'DOCKER',
      remote_repository_config: { docker_repository: { custom_repository: { uri: 'https://ghcr.io' } } },
    });
  });

  it('reads every secret from Secret Manager, never as a literal', () => {
    const secretEnv = app.env.filter((e: any) => e.value_source);
    expect(secretEnv.map((e: any) => e.name).sort()).toEqual([...SECRET_KEYS].sort());
    for (const key of SECRET_KEYS) expect(app.env.find((e: any) => e.name === key).value).toBeUndefined();
    expect(
      resourcesOf(production.json, 'google_secret_manager_secret_iam_member').every(
        (m: any) => m.role === 'roles/secretmanager.secretAccessor',
      ),
    ).toBe(true);
  });

  it('creates the service only after every accessor grant and the REDIS_URL version Terraform writes', () => {
    const address = (type: string, match: (r: any) => boolean) =>
      Object.entries(production.json.resource[type]!)
        .filter(([, r]) => match(r))
        .map(([id]) => `${type}.${id}`);
    const accessors = address('google_secret_manager_secret_iam_member', () => true);
    // Five service secrets plus the two mounted files.
    expect(accessors).toHaveLength(SECRET_KEYS.length + 2);
    const redisUrl = address('google_secret_manager_secret_version', (v) =>
      /^\$\{google_secret_manager_secret\.secrets_redis-url_/.test(v.secret),
    );
    expect(redisUrl).toHaveLength(1);
    const fileVersions = address('google_secret_manager_secret_version', (v) =>
      /^\$\{google_secret_manager_secret\.service_/.test(v.secret),
    );
    expect(fileVersions).toHaveLength(2);
    expect(service.depends_on).toEqual(expect.arrayContaining([...accessors, ...redisUrl, ...fileVersions]));
  });

  it('names real addresses in the README, and no targeted apply', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    // The GKE workload stack's targets are checked in gke-workload-stack.test.ts.
    expect([...readme.matchAll(/-target=(google_\w+)\.([\w-]+)/g)].map((m) => m[0])).toEqual([]);
    const named = [...new Set([...readme.matchAll(/\b(terraform_data|google_sql_user)\.(credentials_[\w-]+)/g)].map((m) => m[0]))];
    expect(named.sort()).toEqual(['google_sql_user.credentials_app-user_0BB63396', 'terraform_data.credentials_generated_6044A84B']);
    for (const address of named) {
      const [type, id] = address.split('.') as [string, string];
      expect(production.json.resource[type]).toHaveProperty([id]);
    }
  });

  it('allocates CPU only during requests, in both containers', () => {
    // With resources set, an unset cpu_idle means CPU always allocated (instance-based billing).
    expect(service.template.containers.map((c: any) => c.resources.cpu_idle)).toEqual([true, true]);
    expect(service.template.containers.map((c: any) => c.resources.startup_cpu_boost)).toEqual([true, true]);
  });

  it('sends traces through the OTLP sidecar at the seed sampling rate', () => {
    expect(app.env).toContainEqual({ name: ENV.otlpSamplingRate, value: '0.1' });
    expect(app.env).toContainEqual({ name: ENV.otlpEndpoint, value: 'http://localhost:4317' });
    expect(service.template.containers[1].name).toBe('otel-collector');
  });

  it('owns the VPC with Private Service Access in the primary region', () => {
    expect(resourcesOf(production.json, 'google_compute_network')[0]).toMatchObject({ auto_create_subnetworks: false });
    expect(resourcesOf(production.json, 'google_service_networking_connection')).toHaveLength(1);
    const subnet = resourcesOf(production.json, 'google_compute_subnetwork')[0] as any;
    expect(subnet.private_ip_google_access).toBe(true);
    expect(subnet.log_config).toEqual({
      aggregation_interval: FLOW_LOGS.aggregationInterval,
      flow_sampling: FLOW_LOGS.flowSampling,
      metadata: FLOW_LOGS.metadata,
    });
    expect(subnet.log_config).toEqual({ aggregation_interval: 'INTERVAL_5_SEC', flow_sampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' });
    expect(resourcesOf(production.json, 'google_compute_router_nat')).toHaveLength(1);
  });

  it('opens nothing to the world and describes every firewall rule', () => {
    const rules = resourcesOf(production.json, 'google_compute_firewall') as any[];
    for (const rule of rules) {
      expect(rule.description).toBeTruthy();
      if (rule.direction === 'INGRESS') expect(rule.source_ranges).not.toContain('0.0.0.0/0');
    }
    expect(rules.find((r) => r.name.endsWith('allow-load-balancer')).source_ranges).toEqual(['130.211.0.0/22', '35.191.0.0/16']);
  });

  it('dev scales to zero, with smaller limits and no deletion protection', () => {
    const dev = resourcesOf(regional('dev').json, 'google_cloud_run_v2_service')[0] as any;
    expect(dev.template.scaling.min_instance_count).toBe(0);
    expect(dev.template.containers[0].resources.limits).toEqual({ cpu: '1', memory: '512Mi' });
    expect(dev.deletion_protection).toBe(false);
  });
});

describe('GcpRegionalStack without a managed cache or database (dev)', () => {
  const { json } = regional('dev');

  it('creates no REDIS_URL or DATABASE_URL secret and no container names one', () => {
    const secretIds = (resourcesOf(json, 'google_secret_manager_secret') as any[]).map((s) => s.secret_id).sort();
    expect(secretIds).toEqual([
      'mockforge-dev-us-central1-config-file',
      'mockforge-dev-us-central1-mockforge-admin-jwt-secret',
      'mockforge-dev-us-central1-mockforge-admin-password',
      'mockforge-dev-us-central1-mockforge-admin-username',
      'mockforge-dev-us-central1-otel-collector-config',
    ]);
    const service = resourcesOf(json, 'google_cloud_run_v2_service')[0] as any;
    const secretEnv = (service.template.containers[0].env as any[]).filter((e) => e.value_source).map((e) => e.name);
    expect(secretEnv).toEqual([ENV.adminJwtSecret, ENV.adminUsername, ENV.adminPassword]);
    expect(Object.keys(json.output ?? {}).filter((o) => o.startsWith('redis'))).toEqual([]);
  });

  it('creates no Cloud SQL, no Private Service Access and no database outputs', () => {
    for (const type of [
      'google_sql_database_instance',
      'google_sql_database',
      'google_sql_user',
      'google_service_networking_connection',
      'google_compute_global_address',
    ])
      expect([type, resourcesOf(json, type)]).toEqual([type, []]);
    expect(Object.keys(json.output ?? {}).filter((o) => o.startsWith('database'))).toEqual([]);
  });

  it('grants the run service account no Cloud SQL role, and staging both of them', () => {
    const roles = (stackJson: ReturnType<typeof synthJson>) =>
      (resourcesOf(stackJson, 'google_project_iam_member') as any[])
        .filter((m) => /google_service_account\.identity_/.test(m.member))
        .map((m) => m.role)
        .sort();
    expect(roles(json)).toEqual(['roles/cloudtrace.agent', 'roles/logging.logWriter', 'roles/monitoring.metricWriter']);
    expect(roles(regional('staging').json)).toEqual([
      'roles/cloudsql.client',
      'roles/cloudsql.instanceUser',
      'roles/cloudtrace.agent',
      'roles/logging.logWriter',
      'roles/monitoring.metricWriter',
    ]);
  });

  it('keeps Cloud SQL and Private Service Access when GKE runs the service (its workload reads DATABASE_URL)', () => {
    const context = gcpContext('dev', { compute: { gcp: 'gke' } });
    const stack = new GcpRegionalStack(Testing.app(), {
      context,
      region: context.topology.primaryRegion,
      policy: noPolicy(),
      gke: GKE_CONSTRUCTS,
    });
    const gke = synthJson(stack);
    expect((resourcesOf(gke, 'google_sql_database_instance') as any[]).map((i) => i.settings.tier)).toEqual(['db-f1-micro']);
    expect(resourcesOf(gke, 'google_service_networking_connection')).toHaveLength(1);
    expect((resourcesOf(gke, 'google_secret_manager_secret') as any[]).map((s) => s.secret_id)).toContain(
      'mockforge-dev-us-central1-database-url',
    );
  });
});

describe('GcpRegionalStack REDIS_URL', () => {
  const { json } = regional('production');
  const instance = /^\$\{google_redis_instance\.cache_instance_\w+\.(\w+)\}$/;
  const version = resourcesOf(json, 'google_secret_manager_secret_version').find((v: any) => v.secret.includes('redis-url')) as any;

  it('writes rediss://:<auth string>@<host>:<port> from the instance into the REDIS_URL secret', () => {
    const url = /^rediss:\/\/:(\$\{[^}]+\})@(\$\{[^}]+\}):(\$\{[^}]+\})$/.exec(version.secret_data)!;
    expect(url).not.toBeNull();
    expect(url.slice(1).map((ref) => instance.exec(ref)?.[1])).toEqual(['auth_string', 'host', 'port']);
    const secrets = json.resource.google_secret_manager_secret as Record<string, any>;
    expect(secrets[/google_secret_manager_secret\.([\w-]+)\.id/.exec(version.secret)![1]!].secret_id).toBe(
      'mockforge-production-us-central1-redis-url',
    );
    expect(json.output!.redis_connection_secret_id).toMatchObject({ value: version.secret });
  });

  it('holds no literal credential: the AUTH string is only a reference', () => {
    const redis = resourcesOf(json, 'google_redis_instance')[0] as any;
    expect(redis).toMatchObject({ auth_enabled: true, transit_encryption_mode: 'SERVER_AUTHENTICATION' });
    expect(version.secret_data.replace(/\$\{[^}]*\}/g, '')).toBe('rediss://:@:');
    expect(JSON.stringify(json).match(/auth_string/g)).toHaveLength(1);
  });

  it('disables a replaced version instead of destroying it, writing its successor first', () => {
    expect(version).toMatchObject({ deletion_policy: 'DISABLE', lifecycle: { create_before_destroy: true } });
    expect(version.lifecycle.ignore_changes).toBeUndefined();
  });

  it('publishes the server CA clients must trust', () => {
    expect((json.output!.redis_server_ca_cert as any).value).toMatch(
      /^\$\{google_redis_instance\.cache_instance_\w+\.server_ca_certs\[0\]\.cert\}$/,
    );
  });

  it('lets only the run service account read it', () => {
    const readers = resourcesOf(json, 'google_secret_manager_secret_iam_member').filter(
      (m: any) => m.secret_id === version.secret,
    ) as any[];
    expect(readers.map((m) => [m.role, m.member])).toEqual([
      ['roles/secretmanager.secretAccessor', expect.stringContaining('google_service_account.identity_')],
    ]);
  });
});

describe('GcpRegionalStack (monitoring)', () => {
  const { json } = regional('production');

  it('sends alerts to the configured email only, without resource labels in the channel settings', () => {
    expect(resourcesOf(json, 'google_monitoring_notification_channel')[0]).toMatchObject({
      type: 'email',
      labels: { email_address: 'oncall@example.com' },
    });
    expect(Object.keys((resourcesOf(json, 'google_monitoring_notification_channel')[0] as any).labels)).toEqual(['email_address']);
  });

  it('alerts on 5xx ratio, p95 latency and memory with the seed thresholds', () => {
    const policies = resourcesOf(json, 'google_monitoring_alert_policy') as any[];
    const byName = (name: string) => policies.find((p) => p.display_name.endsWith(name));
    const errors = byName(ALERTS.highErrorRate.name);
    expect(errors.severity).toBe('CRITICAL');
    // The rate window carries the rule's duration; no pending duration doubles it.
    expect(errors.conditions[0].condition_prometheus_query_language).toMatchObject({ duration: '0s' });
    expect(errors.conditions[0].condition_prometheus_query_language.query).toContain(`[${ALERTS.highErrorRate.durationSeconds}s]`);
    expect(errors.conditions[0].condition_prometheus_query_language.query).toContain('[300s]');
    expect(errors.conditions[0].condition_prometheus_query_language.query).toContain('> 0.05');
    const latency = byName(ALERTS.highLatency.name).conditions[0].condition_threshold;
    expect(latency).toMatchObject({ threshold_value: 1000, duration: '300s', comparison: 'COMPARISON_GT' });
    expect(latency.aggregations[0].per_series_aligner).toBe(`ALIGN_PERCENTILE_${ALERTS.highLatency.percentile}`);
    expect(latency.aggregations[0].per_series_aligner).toBe('ALIGN_PERCENTILE_95');
    const dashboard = JSON.parse((resourcesOf(json, 'google_monitoring_dashboard')[0] as any).dashboard_json);
    expect(dashboard.gridLayout.widgets[1]).toMatchObject({ title: 'p95 latency (ms)' });
    expect(dashboard.gridLayout.widgets[1].xyChart.dataSets[0].timeSeriesQuery.timeSeriesFilter.aggregation.perSeriesAligner).toBe(
      'ALIGN_PERCENTILE_95',
    );
    expect(byName(ALERTS.highLatency.name).severity).toBe('WARNING');
    expect(byName(ALERTS.highMemoryUsage.name).conditions[0].condition_threshold.threshold_value).toBe(0.9);
  });

  it('keeps logs for the seed retention in a regional log bucket', () => {
    expect(resourcesOf(json, 'google_logging_project_bucket_config')[0]).toMatchObject({
      retention_days: LOG_RETENTION_DAYS,
      location: 'us-central1',
    });
    expect(LOG_RETENTION_DAYS).toBe(365);
  });
});

describe('GcpRegionalStack (production secondary on Cloud Run)', () => {
  const context = gcpContext('production');
  const app = Testing.app();
  const primary = new GcpRegionalStack(app, { context, region: 'us-central1', policy: noPolicy() });
  const secondary = new GcpRegionalStack(app, { context, region: 'europe-west1', primary, policy: noPolicy() });
  // A full app synthesis resolves the cross-stack references into remote-state lookups.
  app.synth();
  const read = (stack: GcpRegionalStack) =>
    JSON.parse(readFileSync(join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8')) as Record<string, any>;
  const json = read(secondary);
  const primaryJson = read(primary);

  const urlVersion = (stackJson: Record<string, any>) =>
    Object.entries(stackJson.resource.google_secret_manager_secret_version as Record<string, any>).find(
      ([, v]) => v.secret === '${google_secret_manager_secret.secrets_database-url_016D4E75.id}',
    )!;

  it("writes the primary's generated DATABASE_URL into this region's secret, from the primary's outputs", () => {
    const [name, version] = urlVersion(json);
    expect(name).toBe('generated-secrets_database-url_version_4A621FF3');
    expect(json.resource.google_secret_manager_secret['secrets_database-url_016D4E75'].secret_id).toBe(
      'mockforge-production-europe-west1-database-url',
    );
    const remote = '${data.terraform_remote_state.cross-stack-reference-input-production-gcp-us-central1.outputs.cross-stack-output-';
    const references = [...(version.secret_data as string).matchAll(/\$\{[^}]+\}/g)].map((m) => m[0]);
    expect(references).toEqual([
      `\${sensitive(${remote.slice(2)}terraform_datacredentials_generated_6044A84Boutputdatabase_password)}`,
      `${remote}google_sql_database_instancedatabase_instance_D7FC2283private_ip_address}`,
    ]);
    for (const output of [
      'terraform_datacredentials_generated_6044A84Boutputdatabase_password',
      'google_sql_database_instancedatabase_instance_D7FC2283private_ip_address',
    ])
      expect(primaryJson.output).toHaveProperty([`cross-stack-output-${output}`]);
    // Nothing reads the primary's secret at plan time any more.
    expect(json.data?.google_secret_manager_secret_version_access).toBeUndefined();
    // A new primary value writes a new version first and disables the old one.
    expect(version).toMatchObject({ deletion_policy: 'DISABLE', lifecycle: { create_before_destroy: true } });
  });

  it('starts Cloud Run after the URL exists, in this region and in the primary', () => {
    for (const stackJson of [json, primaryJson]) {
      const service = resourcesOf(stackJson as ReturnType<typeof synthJson>, 'google_cloud_run_v2_service')[0] as any;
      expect(service.depends_on).toContain(`google_secret_manager_secret_version.${urlVersion(stackJson)[0]}`);
    }
    expect(urlVersion(primaryJson)[0]).toBe('generated-secrets_database-url_version_4A621FF3');
  });

  it("keeps the region's own Memorystore and REDIS_URL (no cross-region Redis)", () => {
    const versions = json.resource.google_secret_manager_secret_version as Record<string, any>;
    expect(versions['cache_connection-url_version_D9777EFF'].secret_data).toBe(
      'rediss://:${google_redis_instance.cache_instance_C409FC14.auth_string}@${google_redis_instance.cache_instance_C409FC14.host}:${google_redis_instance.cache_instance_C409FC14.port}',
    );
  });
});
