import { Testing } from 'cdktf';
import { SpacesBucket } from '@cdktf/provider-digitalocean/lib/spaces-bucket';
import { Firewall } from '@cdktf/provider-digitalocean/lib/firewall';
import { DatabaseCluster } from '@cdktf/provider-digitalocean/lib/database-cluster';
import { MockforgeStack } from '../../stack/mockforge-stack';
import { defaultConfig } from '../defaults';
import type { MockforgeConfig, TierConfig } from '../model';
import { validateConfig } from '../validate';
import { appPlatformRegion } from './digitalocean';

function withTier(tier: 'dev' | 'production', changes: Partial<TierConfig>, extra: Partial<MockforgeConfig> = {}): MockforgeConfig {
  const base = defaultConfig(['digitalocean']);
  return { ...base, ...extra, tiers: { ...base.tiers, [tier]: { ...base.tiers[tier]!, ...changes } } };
}

describe('digitalocean settings', () => {
  it('accepts the built-in configuration, whose multi-region production runs on DOKS', () => {
    const config = defaultConfig(['digitalocean']);
    expect(config.tiers.production!.compute).toEqual({ digitalocean: 'doks' });
    expect(config.tiers.production!.regions.digitalocean).toEqual(['nyc3', 'ams3', 'blr1']);
    expect(validateConfig(config)).toEqual([]);
  });

  it('rejects App Platform in more than one region, pointing to doks', () => {
    const issues = validateConfig(withTier('production', { compute: { digitalocean: 'app-platform' } }));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('tiers.production.compute.digitalocean');
    expect(issues[0]!.expected).toMatch(/^doks for a tier in more than one DigitalOcean region/);
  });

  it('rejects an unknown region and an unknown compute model field by field', () => {
    const issues = validateConfig(withTier('dev', { regions: { digitalocean: ['nyc9'] }, compute: { digitalocean: 'droplets' as never } }));
    expect(issues.map((i) => i.path)).toEqual(['tiers.dev.compute.digitalocean', 'tiers.dev.regions.digitalocean[0]']);
    expect(issues[1]!.expected).toMatch(/^a digitalocean region; known: nyc1, nyc3/);
  });

  it('validates doksAllowedCidrs, the registry credential variable and the existing domain', () => {
    const issues = validateConfig({
      ...defaultConfig(['digitalocean']),
      digitalocean: { doksAllowedCidrs: ['10.0.0.300/8'], registryCredentialsVariable: 'GHCR-TOKEN', existingDomain: 'not a domain' },
    });
    expect(issues.map((i) => i.path)).toEqual([
      'digitalocean.doksAllowedCidrs[0]',
      'digitalocean.registryCredentialsVariable',
      'digitalocean.existingDomain',
    ]);
  });

  it('requires doksAllowedCidrs for a tier on DOKS, whose workload stacks plan against the public endpoint', () => {
    const base = defaultConfig(['digitalocean']);
    expect(base.digitalocean).toEqual({ doksAllowedCidrs: ['192.0.2.0/24'] });
    const issues = validateConfig({ ...base, digitalocean: {} });
    expect(issues.map((i) => [i.path, i.missing])).toEqual([['digitalocean.doksAllowedCidrs', true]]);
    expect(issues[0]!.expected).toMatch(/^required: tiers\.production runs DOKS/);
    // The hybrid topology runs its stateful pool on DOKS too; App Platform alone needs no list.
    const hybrid = withTier('dev', { topology: 'hybrid' }, { digitalocean: {} });
    expect(validateConfig({ ...hybrid, tiers: { dev: hybrid.tiers.dev! } }).map((i) => i.path)).toEqual(['digitalocean.doksAllowedCidrs']);
    expect(validateConfig({ ...base, digitalocean: {}, tiers: { dev: base.tiers.dev!, staging: base.tiers.staging! } })).toEqual([]);
  });

  it('requires every tier hostname to lie inside an existing domain', () => {
    const base = defaultConfig(['digitalocean']);
    const issues = validateConfig({ ...base, digitalocean: { ...base.digitalocean, existingDomain: 'other.example.org' } });
    expect(issues.map((i) => [i.path, i.value])).toEqual([
      ['tiers.dev.hostnames.digitalocean', 'dev.mocks.example.com'],
      ['tiers.staging.hostnames.digitalocean', 'staging.mocks.example.com'],
      ['tiers.production.hostnames.digitalocean', 'mocks.example.com'],
    ]);
    expect(validateConfig({ ...base, digitalocean: { ...base.digitalocean, existingDomain: 'example.com' } })).toEqual([]);
  });

  it('maps datacenters to App Platform regions', () => {
    expect(['nyc3', 'ams3', 'blr1', 'sfo2'].map(appPlatformRegion)).toEqual(['nyc', 'ams', 'blr', 'sfo']);
  });

  it('validates a Spaces state backend: a Spaces datacenter and a bucket', () => {
    const issues = validateConfig({
      ...defaultConfig(['digitalocean']),
      backend: { staging: { type: 'spaces', bucket: '', region: 'nyc1' } as never },
    });
    expect(issues.map((i) => i.path)).toEqual(['backend.staging.bucket', 'backend.staging.region']);
  });
});

describe('the Spaces state backend', () => {
  it('uses the S3 backend against the Spaces endpoint with a lock file, one key per stack', () => {
    const stack = new MockforgeStack(Testing.app(), {
      tier: 'staging',
      cloud: 'digitalocean',
      region: 'nyc3',
      backend: { type: 'spaces', bucket: 'mockforge-state', region: 'ams3', keyPrefix: 'mockforge/' },
    });
    new SpacesBucket(stack, 'bucket', { name: 'b', region: 'nyc3' });
    expect(JSON.parse(Testing.synth(stack)).terraform.backend).toEqual({
      s3: {
        bucket: 'mockforge-state',
        key: 'mockforge/staging-digitalocean-nyc3/terraform.tfstate',
        region: 'us-east-1',
        endpoints: { s3: 'https://ams3.digitaloceanspaces.com' },
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_region_validation: true,
        skip_metadata_api_check: true,
        skip_s3_checksum: true,
        use_lockfile: true,
      },
    });
  });
});

describe('DigitalOcean tags', () => {
  it('adds key:value tags to resources and leaves the tags that select Droplets alone', () => {
    const stack = new MockforgeStack(Testing.app(), { tier: 'dev', cloud: 'digitalocean', region: 'nyc3', backend: { type: 'local' } });
    new DatabaseCluster(stack, 'db', { name: 'd', engine: 'pg', nodeCount: 1, region: 'nyc3', size: 'db-s-1vcpu-1gb', tags: ['own'] });
    new Firewall(stack, 'fw', { name: 'f', tags: ['nodes'] });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.resource.digitalocean_database_cluster.db.tags).toEqual([
      'app:mockforge',
      'tier:dev',
      'cloud:digitalocean',
      'region:nyc3',
      'managed-by:cdktf',
      'own',
    ]);
    expect(json.resource.digitalocean_firewall.fw.tags).toEqual(['nodes']);
  });
});
