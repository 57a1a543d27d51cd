import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV, SECRET_KEYS } from '@mockforge-infra/core';
import { doContext, only, resourcesOf, synthTier, type Body } from '../testing/fixtures';

const APP_PRODUCTION = { topology: 'stateless', regions: { digitalocean: ['nyc3'] }, compute: { digitalocean: 'app-platform' } } as const;

const tiers = {
  dev: synthTier('dev'),
  staging: synthTier('staging'),
  production: synthTier('production', APP_PRODUCTION),
  aggressive: synthTier('production', { ...APP_PRODUCTION, size: 'large', scalingPreset: 'aggressive' }),
};
const regional = (t: keyof typeof tiers) => tiers[t].json[`${t === 'aggressive' ? 'production' : t}-digitalocean-nyc3`];
const service = (t: keyof typeof tiers) => only(regional(t), 'digitalocean_app').spec.service[0] as Body;
const env = (t: keyof typeof tiers, key: string) => (service(t).env as Body[]).find((e) => e.key === key);

describe('DigitalOcean regional stack on App Platform', () => {
  it('lays out a regional and a global stack per single-region tier', () => {
    expect(tiers.dev.stacks).toEqual(['dev-digitalocean-nyc3', 'dev-digitalocean-global']);
    expect(tiers.staging.stacks).toEqual(['staging-digitalocean-nyc3', 'staging-digitalocean-global']);
  });

  it('runs the pinned ghcr.io image on port 3000', () => {
    expect(service('staging').image).toEqual({
      registry_type: 'GHCR',
      registry: 'saasy-solutions',
      repository: 'mockforge',
      tag: '0.3.213',
    });
    expect(service('staging').http_port).toBe(3000);
  });

  it('checks readiness on /health/ready with the guide numbers', () => {
    expect(service('staging').health_check).toEqual({
      http_path: '/health/ready',
      port: 3000,
      initial_delay_seconds: 60,
      period_seconds: 10,
      timeout_seconds: 3,
      failure_threshold: 3,
      success_threshold: 1,
    });
    expect(service('staging').termination).toEqual({ grace_period_seconds: 60 });
  });

  it.each([
    ['dev', 'apps-s-1vcpu-0.5gb', 1],
    ['staging', 'apps-s-1vcpu-1gb', 2],
  ] as const)('runs %s on %s, %i fixed instances', (tier, size, count) => {
    expect(service(tier).instance_size_slug).toBe(size);
    expect(service(tier).instance_count).toBe(count);
    expect(service(tier).autoscaling).toBeUndefined();
  });

  it('autoscales production on dedicated sizes at the preset CPU target', () => {
    expect(service('production').instance_size_slug).toBe('apps-d-4vcpu-8gb');
    expect(service('production').instance_count).toBeUndefined();
    expect(service('production').autoscaling).toEqual({ min_instance_count: 5, max_instance_count: 20, metrics: { cpu: { percent: 70 } } });
    expect(service('aggressive').instance_size_slug).toBe('apps-d-8vcpu-32gb');
    expect(service('aggressive').autoscaling).toEqual({
      min_instance_count: 10,
      max_instance_count: 20,
      metrics: { cpu: { percent: 80 } },
    });
  });

  it('alerts the tier email on CPU 80 %, memory 90 % and 3 restarts in five minutes, and on failed deploys and domains', () => {
    const to = { destinations: { emails: ['oncall@example.com'] } };
    expect(service('staging').alert).toEqual([
      { rule: 'CPU_UTILIZATION', operator: 'GREATER_THAN', value: 80, window: 'FIVE_MINUTES', ...to },
      { rule: 'MEM_UTILIZATION', operator: 'GREATER_THAN', value: 90, window: 'FIVE_MINUTES', ...to },
      { rule: 'RESTART_COUNT', operator: 'GREATER_THAN', value: 3, window: 'FIVE_MINUTES', ...to },
    ]);
    expect(only(regional('staging'), 'digitalocean_app').spec.alert).toEqual([
      { rule: 'DEPLOYMENT_FAILED', ...to },
      { rule: 'DOMAIN_FAILED', ...to },
    ]);
  });

  it('passes every secret as a SECRET env var holding a reference, never a literal', () => {
    for (const key of SECRET_KEYS) expect(env('staging', key)).toMatchObject({ type: 'SECRET', scope: 'RUN_TIME' });
    // Escaped: Terraform writes `${db.DATABASE_URL}` to App Platform, which resolves the binding.
    expect(env('staging', ENV.databaseUrl)!.value).toBe('$${db.DATABASE_URL}');
    expect(env('staging', ENV.redisUrl)!.value).toMatch(/^\$\{digitalocean_database_cluster\.cache_cluster_\w+\.private_uri\}$/);
    const generated = /^\$\{sensitive\(terraform_data\.admin_generated_\w+\.output\["(\w+)"\]\)\}$/;
    expect(
      [ENV.adminJwtSecret, ENV.adminUsername, ENV.adminPassword].map((key) => generated.exec(env('staging', key)!.value)?.[1]),
    ).toEqual(['jwt_secret', 'username', 'password']);
    // Nothing to set by hand: no TF_VAR_ for the admin secrets.
    expect(regional('staging')!.variable).toBeUndefined();
  });

  it('generates the admin JWT secret and password on the first apply and keeps them: uuid() without dashes, input changes ignored, kept from destroy in staging', () => {
    expect(only(regional('staging'), 'terraform_data')).toEqual({
      input: {
        jwt_secret: '${sensitive(replace(join("", [uuid(), uuid()]), "-", ""))}',
        username: 'mockforge',
        password: '${sensitive(replace(join("", [uuid()]), "-", ""))}',
      },
      lifecycle: { ignore_changes: ['input'], prevent_destroy: true },
    });
  });

  it("binds the app to this region's PostgreSQL cluster and admits only the app to both databases", () => {
    const app = only(regional('staging'), 'digitalocean_app');
    expect(app.spec.database).toEqual([
      {
        name: 'db',
        engine: 'PG',
        production: true,
        cluster_name: expect.stringMatching(/^\$\{digitalocean_database_cluster\.database_cluster_\w+\.name\}$/),
        db_name: expect.stringMatching(/^\$\{digitalocean_database_db\.database_[0-9A-F]+\.name\}$/),
        db_user: expect.stringMatching(/^\$\{digitalocean_database_user\.database_user_\w+\.name\}$/),
      },
    ]);
    const appRule = [{ type: 'app', value: expect.stringMatching(/^\$\{digitalocean_app\.service_app_\w+\.id\}$/) }];
    const firewalls = resourcesOf(regional('staging'), 'digitalocean_database_firewall');
    expect(firewalls.map((f) => f.rule)).toEqual([appRule, appRule]);
    expect(firewalls.map((f) => f.cluster_id).sort()).toEqual([
      expect.stringMatching(/\.cache_cluster_/),
      expect.stringMatching(/\.database_cluster_/),
    ]);
  });

  it('runs the tier hostname on App Platform in the nyc region, in the VPC', () => {
    const spec = only(regional('staging'), 'digitalocean_app').spec;
    expect(spec.region).toBe('nyc');
    expect(spec.domain).toEqual([
      {
        name: 'staging.mocks.example.com',
        type: 'PRIMARY',
        zone: expect.stringMatching(/^\$\{digitalocean_domain\.dns_domain_\w+\.name\}$/),
      },
    ]);
    expect(spec.vpc).toEqual([{ id: expect.stringMatching(/digitalocean_vpc\.network_vpc_\w+\.id/) }]);
  });

  it('runs no PostgreSQL or Valkey in dev and names neither DATABASE_URL nor REDIS_URL, as MockForge keeps its state in memory', () => {
    const dev = regional('dev');
    for (const type of [
      'digitalocean_database_cluster',
      'digitalocean_database_db',
      'digitalocean_database_user',
      'digitalocean_database_connection_pool',
      'digitalocean_database_firewall',
      'digitalocean_database_valkey_config',
      'digitalocean_monitor_alert',
    ])
      expect(resourcesOf(dev, type)).toEqual([]);
    expect(only(dev, 'digitalocean_app').spec.database).toBeUndefined();
    expect((service('dev').env as Body[]).filter((e) => e.type === 'SECRET').map((e) => e.key)).toEqual([
      ENV.adminJwtSecret,
      ENV.adminUsername,
      ENV.adminPassword,
    ]);
    expect(Object.keys(dev.output ?? {})).not.toContain('database_endpoint');
  });

  it.each([
    ['staging', {}, 1, 'db-s-1vcpu-1gb', 1],
    // Standby nodes need a 2 GB plan, so restoring failover raises the size with them.
    ['staging', { zoneRedundantData: true }, 2, 'db-s-1vcpu-2gb', 2],
    // PostgreSQL takes two standbys; Valkey takes one at most.
    ['production', {}, 3, 'db-s-4vcpu-8gb', 2],
  ] as const)('gives %s %o PostgreSQL %i nodes of %s and Valkey %i nodes', (tier, changes, pgNodes, size, cacheNodes) => {
    const stack = Object.keys(changes).length === 0 ? regional(tier) : synthTier(tier, changes).json[`${tier}-digitalocean-nyc3`]!;
    const clusters = resourcesOf(stack, 'digitalocean_database_cluster');
    const pg = clusters.find((c) => c.engine === 'pg')!;
    const valkey = clusters.find((c) => c.engine === 'valkey')!;
    // PostgreSQL in the seed's window, Valkey in the next one, so they never restart together.
    expect(pg).toMatchObject({ version: '17', node_count: pgNodes, size, maintenance_window: [{ day: 'sunday', hour: '04:00:00' }] });
    expect(valkey).toMatchObject({
      version: '8',
      node_count: cacheNodes,
      size,
      eviction_policy: 'noeviction',
      maintenance_window: [{ day: 'sunday', hour: '05:00:00' }],
    });
    expect(pg.private_network_uuid).toMatch(/digitalocean_vpc\.network_vpc_\w+\.id/);
    expect(valkey.private_network_uuid).toMatch(/digitalocean_vpc\.network_vpc_\w+\.id/);
  });

  it('creates the mockforge database, user and a transaction pool of 20, and Valkey with TLS', () => {
    expect(only(regional('staging'), 'digitalocean_database_db').name).toBe('mockforge');
    expect(only(regional('staging'), 'digitalocean_database_user').name).toBe('mockforge');
    expect(only(regional('staging'), 'digitalocean_database_connection_pool')).toMatchObject({
      name: 'mockforge',
      mode: 'transaction',
      size: 20,
      db_name: expect.stringMatching(/^\$\{digitalocean_database_db\.database_[0-9A-F]+\.name\}$/),
      user: expect.stringMatching(/^\$\{digitalocean_database_user\.database_user_\w+\.name\}$/),
    });
    expect(only(regional('staging'), 'digitalocean_database_valkey_config').ssl).toBe(true);
  });

  it("keeps staging's data in one zone with the zonal-data reason as the standby warning's suppression", () => {
    const reason = doContext('staging').profile.exemptions.find((e) => e.what === 'zonal-data')!.reason;
    const standby = tiers.staging.policy.findings.filter((f) => f.ruleId === 'MF_DIO_3');
    // PostgreSQL and Valkey, each a single node, each flagged and suppressed with the tier's reason.
    expect(standby.map((f) => [f.severity, f.suppressedBecause])).toEqual([
      ['warning', reason],
      ['warning', reason],
    ]);
  });

  it('alerts the tier email on database CPU above 80 % and memory above 90 % over 5 minutes', () => {
    const alerts = resourcesOf(regional('staging'), 'digitalocean_monitor_alert');
    expect(alerts.map((a) => [a.type, a.value, a.window, a.compare, a.alerts])).toEqual([
      ['v1/dbaas/alerts/cpu_alerts', 80, '5m', 'GreaterThan', { email: ['oncall@example.com'] }],
      ['v1/dbaas/alerts/memory_utilization_alerts', 90, '5m', 'GreaterThan', { email: ['oncall@example.com'] }],
    ]);
    for (const alert of alerts) expect(alert.entities).toHaveLength(2);
  });

  it("takes the VPC range from the tier's address plan and files the domain in the tier's project", () => {
    expect(only(regional('staging'), 'digitalocean_vpc')).toMatchObject({ name: 'mockforge-staging-nyc3', ip_range: '10.44.0.0/16' });
    expect(only(regional('staging'), 'digitalocean_project')).toMatchObject({ name: 'mockforge-staging', environment: 'Staging' });
    expect(only(regional('staging'), 'digitalocean_domain').name).toBe('staging.mocks.example.com');
    expect(resourcesOf(regional('staging'), 'digitalocean_vpc_nat_gateway')).toEqual([]);
  });

  it("names the generated credentials' and the app's real addresses in the README, and leaves the app's env unignored", () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const named = [...new Set([...readme.matchAll(/\b(terraform_data|digitalocean_app)\.(\w+)/g)].map((m) => m[0]))];
    expect(named).toEqual(['terraform_data.admin_generated_BB5AA3CB', 'digitalocean_app.service_app_03DCD716']);
    for (const tier of ['dev', 'staging'] as const)
      for (const address of named) expect(regional(tier)!.resource).toHaveProperty(address.split('.'));
    // App Platform returns SECRET values encrypted, so every apply redeploys; ignoring `env` would also freeze the config and REDIS_URL.
    expect(only(regional('staging'), 'digitalocean_app').lifecycle).toBeUndefined();
  });
});
