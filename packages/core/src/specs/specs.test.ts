import { parse } from 'yaml';
import { defaultConfig } from '../config/defaults';
import type { CloudName } from '../config/regions';
import { scalingRange, tierProfile, tierSecretKeys } from './tier-profile';
import { SECRET_KEYS } from '../seed';
import { serviceSpec } from './service';
import { targetContext } from './target-context';

const config = defaultConfig(['aws', 'gcp', 'kubernetes']);

describe('tier profiles', () => {
  it('maps tiers to sizes, zones and protection', () => {
    const dev = tierProfile('dev', { regions: {} });
    const staging = tierProfile('staging', { regions: {} });
    const production = tierProfile('production', { regions: {}, size: 'large' });
    expect([dev.size, dev.sizing.instances, dev.availabilityZones, dev.highlyAvailable, dev.deletionProtection, dev.spotAllowed]).toEqual([
      'dev',
      1,
      2,
      false,
      false,
      true,
    ]);
    expect([
      staging.size,
      staging.sizing.instances,
      staging.availabilityZones,
      staging.highlyAvailable,
      staging.deletionProtection,
      staging.preventDestroy,
    ]).toEqual(['staging', 2, 2, true, true, true]);
    expect([
      production.size,
      production.sizing.instances,
      production.availabilityZones,
      production.preventDestroy,
      production.spotAllowed,
    ]).toEqual(['large', 10, 3, true, false]);
    expect(tierProfile('production', { regions: {} }).size).toBe('small');
    expect([dev.managedCache, staging.managedCache, production.managedCache]).toEqual([false, true, true]);
    expect([dev.managedDatabase, staging.managedDatabase, production.managedDatabase]).toEqual([false, true, true]);
    // Spot outside production.
    expect([dev.spotAllowed, staging.spotAllowed, production.spotAllowed]).toEqual([true, true, false]);
    expect(tierSecretKeys(dev, SECRET_KEYS)).toEqual([
      'MOCKFORGE_ADMIN_JWT_SECRET',
      'MOCKFORGE_ADMIN_USERNAME',
      'MOCKFORGE_ADMIN_PASSWORD',
    ]);
    expect(tierSecretKeys(staging, SECRET_KEYS)).toEqual(SECRET_KEYS);
  });

  it('records why dev is exempt from HA defaults, and takes explicit opt-outs elsewhere', () => {
    expect(tierProfile('dev', { regions: {} }).exemptions.map((e) => e.what)).toEqual([
      'multi-az',
      'zonal-data',
      'replicas',
      'deletion-protection',
    ]);
    const optedOut = tierProfile('staging', {
      regions: {},
      optOuts: { multiAz: { reason: 'single-zone region for a data-residency pilot' } },
    });
    expect([optedOut.highlyAvailable, optedOut.dataHighlyAvailable]).toEqual([false, false]);
    expect(optedOut.exemptions).toEqual([
      { what: 'multi-az', reason: 'single-zone region for a data-residency pilot' },
      { what: 'zonal-data', reason: 'single-zone region for a data-residency pilot' },
    ]);
  });

  it('keeps staging data in one zone by default, with the reason, and zone-redundant on request', () => {
    const staging = tierProfile('staging', { regions: {} });
    expect([staging.highlyAvailable, staging.dataHighlyAvailable]).toEqual([true, false]);
    expect(staging.exemptions.map((e) => e.what)).toEqual(['zonal-data']);
    expect(staging.exemptions[0]?.reason).toContain('tiers.staging.zoneRedundantData: true');
    const redundant = tierProfile('staging', { regions: {}, zoneRedundantData: true });
    expect([redundant.dataHighlyAvailable, redundant.exemptions]).toEqual([true, []]);
    expect(tierProfile('production', { regions: {} }).dataHighlyAvailable).toBe(true);
  });

  it('protects state in staging and production unless the tier opts out with a reason', () => {
    expect((['dev', 'staging', 'production'] as const).map((tier) => tierProfile(tier, { regions: {} }).preventDestroy)).toEqual([
      false,
      true,
      true,
    ]);
    const reason = 'ephemeral load-test environment';
    for (const tier of ['staging', 'production'] as const) {
      const optedOut = tierProfile(tier, { regions: {}, zoneRedundantData: true, optOuts: { deletionProtection: { reason } } });
      expect([optedOut.deletionProtection, optedOut.preventDestroy]).toEqual([false, false]);
      expect(optedOut.exemptions).toEqual([{ what: 'deletion-protection', reason }]);
    }
  });

  it('keeps 30 days of database backups in production and 7 elsewhere', () => {
    expect(tierProfile('production', { regions: {} }).databaseBackupRetentionDays).toBe(30);
    expect(tierProfile('staging', { regions: {} }).databaseBackupRetentionDays).toBe(7);
  });

  it('scales production between the HA minimum and each platform ceiling', () => {
    const small = tierProfile('production', { regions: {}, size: 'small' });
    const large = tierProfile('production', { regions: {}, size: 'large' });
    expect(scalingRange(small, 'kubernetes')).toEqual({ min: 3, max: 20 });
    expect(scalingRange(small, 'ecs')).toEqual({ min: 3, max: 50 });
    expect(scalingRange(small, 'cloudRun')).toEqual({ min: 3, max: 100 });
    expect(scalingRange(large, 'kubernetes')).toEqual({ min: 10, max: 20 });
    expect(scalingRange(tierProfile('staging', { regions: {} }), 'ecs')).toEqual({ min: 2, max: 4 });
    expect(scalingRange(tierProfile('dev', { regions: {} }), 'cloudRun')).toEqual({ min: 0, max: 2 });
    expect(scalingRange(tierProfile('dev', { regions: {} }), 'ecs')).toEqual({ min: 1, max: 2 });
  });

  it('picks scaling presets per tier', () => {
    expect(tierProfile('dev', { regions: {} }).scalingPreset).toBe('conservative');
    expect(tierProfile('production', { regions: {} }).scaling.cpuTargetPercent).toBe(70);
    expect(tierProfile('production', { regions: {}, scalingPreset: 'aggressive' }).scaling.cpuTargetPercent).toBe(80);
  });
});

describe('the service spec', () => {
  it('serves with --config and renders a real mockforge.yaml', () => {
    const spec = serviceSpec('ghcr.io/saasy-solutions/mockforge:0.3.213');
    expect(spec.args).toEqual(['serve', '--admin', '--config', '/etc/mockforge/mockforge.yaml']);
    expect(parse(spec.configFile.content)).toEqual({
      http: { port: 3000, host: '0.0.0.0' },
      admin: { enabled: true, port: 9080, host: '0.0.0.0', auth_required: true },
      observability: {
        prometheus: { enabled: true, port: 9090, path: '/metrics' },
        opentelemetry: { enabled: true, service_name: 'mockforge', sampling_rate: 0.1 },
      },
      logging: { level: 'info', json_format: true },
    });
    expect(spec.ports.map((p) => [p.name, p.port, p.public])).toEqual([
      ['http', 3000, true],
      ['admin', 9080, false],
      ['metrics', 9090, false],
    ]);
  });

  it('adds the WebSocket and gRPC listeners only when enabled, and never puts secrets in env', () => {
    const spec = serviceSpec('img:1.0.0', { websocketPort: true, grpc: true });
    expect(spec.ports.map((p) => p.port)).toEqual([3000, 3001, 50051, 9080, 9090]);
    expect(parse(spec.configFile.content)).toMatchObject({ websocket: { port: 3001 }, grpc: { port: 50051 } });
    expect(Object.keys(spec.env)).not.toEqual(expect.arrayContaining(['DATABASE_URL']));
    // auth_required: the admin API accepts a login only when both a username and a password are set.
    expect(spec.secretKeys).toEqual([
      'DATABASE_URL',
      'REDIS_URL',
      'MOCKFORGE_ADMIN_JWT_SECRET',
      'MOCKFORGE_ADMIN_USERNAME',
      'MOCKFORGE_ADMIN_PASSWORD',
    ]);
    expect(serviceSpec('img:1.0.0').env.MOCKFORGE_WS_PORT).toBe('0');
  });
});

describe('target contexts', () => {
  it('resolves topology, geo routing and data specs for multi-region production', () => {
    const ctx = targetContext(config, 'production', 'aws');
    expect(ctx.topology).toMatchObject({
      pattern: 'multi-region',
      primaryRegion: 'us-east-1',
      isMultiRegion: true,
      hasStatefulPool: false,
    });
    expect(ctx.topology.geoRouting).toEqual({ NA: 'us-east-1', EU: 'eu-west-1', AS: 'ap-south-1' });
    expect(ctx.database).toMatchObject({
      highlyAvailable: true,
      backupRetentionDays: 30,
      crossRegionReplicas: true,
      port: 5432,
    });
    expect(ctx.cache).toMatchObject({ highlyAvailable: true, clusterMode: true, replicasPerShard: 2, port: 6379 });
    expect(ctx.backup).toMatchObject({ copyToSecondRegion: true, locked: true, rtoMinutes: 60, rpoMinutes: 15 });
    expect(ctx.backend).toEqual({ type: 'local' });
  });

  it('gives every cloud region its own non-overlapping VPC block per tier', () => {
    const blocks = (['dev', 'staging', 'production'] as const).flatMap((tier) =>
      (['aws', 'gcp', 'kubernetes'] as const).flatMap((cloud) => Object.values(targetContext(config, tier, cloud).vpcCidrs)),
    );
    expect(new Set(blocks).size).toBe(blocks.length);
    expect(targetContext(config, 'dev', 'aws').vpcCidrs).toEqual({ 'us-east-1': '10.16.0.0/16' });
    expect(targetContext(config, 'production', 'gcp').vpcCidrs).toEqual({
      'us-central1': '10.52.0.0/16',
      'europe-west1': '10.53.0.0/16',
      'asia-south1': '10.54.0.0/16',
    });
    expect(targetContext(config, 'production', 'kubernetes').vpcCidrs).toEqual({});
  });

  it("keeps every VPC block where it is when clouds or other clouds' regions change", () => {
    const gcpOnly = defaultConfig(['gcp']);
    const reordered = { ...config, clouds: ['kubernetes', 'gcp', 'aws'] as CloudName[] };
    for (const other of [gcpOnly, reordered]) {
      expect(targetContext(other, 'production', 'gcp').vpcCidrs).toEqual(targetContext(config, 'production', 'gcp').vpcCidrs);
    }
  });

  it('keeps dev single-node and single-AZ', () => {
    const ctx = targetContext(config, 'dev', 'gcp');
    expect(ctx.cache).toMatchObject({ highlyAvailable: false, clusterMode: false, replicasPerShard: 0 });
    expect(ctx.database).toMatchObject({
      highlyAvailable: false,
      deletionProtection: false,
      crossRegionReplicas: false,
    });
  });
});
