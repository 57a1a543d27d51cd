import { only, resourcesOf, synthTier, type Body } from '../testing/fixtures';

const global = {
  dev: synthTier('dev').json['dev-digitalocean-global'],
  staging: synthTier('staging').json['staging-digitalocean-global'],
  production: synthTier('production').json['production-digitalocean-global'],
};
const bucket = (tier: keyof typeof global, suffix: string) =>
  resourcesOf(global[tier], 'digitalocean_spaces_bucket').find((b) => b.name === `mockforge-${tier}-${suffix}`)!;

describe('DigitalOcean global stack', () => {
  it.each([
    ['dev', true],
    ['staging', false],
    ['production', false],
  ] as const)('keeps %s config private and versioned, old versions 90 days, force_destroy %s', (tier, forceDestroy) => {
    expect(bucket(tier, 'config')).toMatchObject({
      region: 'nyc3',
      acl: 'private',
      force_destroy: forceDestroy,
      versioning: { enabled: true },
      lifecycle_rule: [
        {
          id: 'expire-old-versions',
          enabled: true,
          noncurrent_version_expiration: { days: 90 },
          abort_incomplete_multipart_upload_days: 1,
        },
      ],
    });
    expect(bucket(tier, 'config-logs')).toMatchObject({ acl: 'private', force_destroy: forceDestroy, versioning: { enabled: true } });
  });

  it('logs bucket access to the log bucket, which expires logs after the log retention', () => {
    expect(only(global.staging, 'digitalocean_spaces_bucket_logging')).toMatchObject({
      bucket: expect.stringMatching(/config-bucket_\w+\.name/),
      target_bucket: expect.stringMatching(/config-bucket_access-logs_\w+\.name/),
    });
    expect(bucket('staging', 'config-logs').lifecycle_rule[0]).toEqual({ id: 'expire-logs', enabled: true, expiration: { days: 365 } });
  });

  it('scopes the Spaces key to the config bucket, read-write', () => {
    expect(only(global.staging, 'digitalocean_spaces_key')).toEqual({
      name: 'mockforge-staging-config',
      grant: [{ bucket: expect.stringMatching(/^\$\{digitalocean_spaces_bucket\.config-bucket_\w+\.name\}$/), permission: 'readwrite' }],
    });
  });

  it('serves the bucket through the Spaces CDN on cdn.<hostname> with the config TTL (1 h) and a Let’s Encrypt certificate', () => {
    expect(only(global.staging, 'digitalocean_cdn')).toMatchObject({
      ttl: 3600,
      custom_domain: 'cdn.staging.mocks.example.com',
      origin: expect.stringMatching(/config-bucket_\w+\.bucket_domain_name/),
    });
    expect(only(global.staging, 'digitalocean_certificate')).toMatchObject({
      type: 'lets_encrypt',
      domains: ['cdn.staging.mocks.example.com'],
    });
  });

  it('checks https://<hostname>/health/ready from three continents and alerts the tier email on down and latency above 1000 ms', () => {
    expect(only(global.staging, 'digitalocean_uptime_check')).toEqual({
      name: 'mockforge-staging-ready',
      target: 'https://staging.mocks.example.com/health/ready',
      type: 'https',
      regions: ['us_east', 'eu_west', 'se_asia'],
      enabled: true,
    });
    const alerts = resourcesOf(global.staging, 'digitalocean_uptime_alert');
    expect(alerts.map((a: Body) => [a.type, a.comparison, a.threshold, a.period, a.notifications])).toEqual([
      ['down', undefined, undefined, '5m', [{ email: ['oncall@example.com'] }]],
      ['latency', 'greater_than', 1000, '5m', [{ email: ['oncall@example.com'] }]],
    ]);
  });

  it('points the tier at one entry: App Platform writes its own record, multi-region DOKS gets the Global Load Balancer', () => {
    expect(resourcesOf(global.staging, 'digitalocean_loadbalancer')).toEqual([]);
    expect(resourcesOf(global.staging, 'digitalocean_record')).toEqual([]);
    expect(resourcesOf(global.production, 'digitalocean_loadbalancer').map((l) => l.type)).toEqual(['GLOBAL']);
  });

  it('gives single-region DOKS an A record for its load balancer', () => {
    const json = synthTier('staging', { compute: { digitalocean: 'doks' } }).json['staging-digitalocean-global'];
    expect(only(json, 'digitalocean_record')).toMatchObject({ type: 'A', name: '@', ttl: 300 });
    expect(resourcesOf(json, 'digitalocean_loadbalancer')).toEqual([]);
  });
});
