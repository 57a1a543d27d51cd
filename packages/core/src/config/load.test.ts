import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError, type ConfigIssue } from './errors';
import { defaultConfig } from './defaults';
import { hostnameFor } from './hostnames';
import { CONFIG_ENV_VAR, loadConfig, parseConfig } from './load';
import type { CloudName } from './regions';

const CLOUDS: CloudName[] = ['aws', 'gcp', 'kubernetes'];

function issuesOf(text: string): ConfigIssue[] {
  try {
    parseConfig(text, 'test.yaml', CLOUDS);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

/** The default config with a change applied, as YAML. */
function variant(change: (c: Record<string, any>) => void): string {
  const config = JSON.parse(JSON.stringify(defaultConfig(CLOUDS)));
  change(config);
  return stringify(config);
}

function expectIssue(text: string, path: string, expected: RegExp): ConfigIssue {
  const issues = issuesOf(text);
  const issue = issues.find((i) => i.path === path);
  expect({ path, found: issues.map((i) => `${i.path}: ${i.expected}`) }).toEqual({
    path,
    found: expect.arrayContaining([expect.stringMatching(new RegExp(`^${path.replace(/[.[\]]/g, '\\$&')}: .*${expected.source}`))]),
  });
  return issue!;
}

describe('a valid configuration', () => {
  it('loads the built-in default with no file and no environment', () => {
    const loaded = loadConfig({ env: {}, implementedClouds: CLOUDS });
    expect(loaded.source).toBe('built-in default');
    expect(loaded.config.image).toBe('ghcr.io/saasy-solutions/mockforge:0.3.213');
    expect(Object.keys(loaded.config.tiers)).toEqual(['dev', 'staging', 'production']);
    expect(loaded.config.clouds).toEqual(CLOUDS);
    expect(loaded.config.backend).toBeUndefined();
  });

  it('loads the file named by MOCKFORGE_INFRA_CONFIG, and --config wins over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mf-config-'));
    const fromEnv = join(dir, 'env.yaml');
    const fromFlag = join(dir, 'flag.yaml');
    writeFileSync(
      fromEnv,
      variant((c) => (c.domain = 'env.example.com')),
    );
    writeFileSync(
      fromFlag,
      variant((c) => (c.domain = 'flag.example.com')),
    );
    expect(loadConfig({ env: { [CONFIG_ENV_VAR]: fromEnv }, implementedClouds: CLOUDS }).config.domain).toBe('env.example.com');
    expect(loadConfig({ path: fromFlag, env: { [CONFIG_ENV_VAR]: fromEnv }, implementedClouds: CLOUDS }).config.domain).toBe(
      'flag.example.com',
    );
  });

  it('accepts the issue example with a digest-pinned image, remote backends and explicit CIDRs', () => {
    const text = `
image: ghcr.io/saasy-solutions/mockforge@sha256:${'a'.repeat(64)}
domain: mocks.example.com
clouds: [aws, gcp, kubernetes]
tiers:
  production:
    size: medium
    topology: multi-region
    regions:
      aws: [us-east-1, eu-west-1, ap-south-1]
      gcp: [us-central1, europe-west1, asia-south1]
      kubernetes: [east, west]
    cidrs:
      aws: { us-east-1: 10.100.0.0/16 }
backend:
  production: { type: s3, bucket: tf-state, region: us-east-1 }
  staging: { type: gcs, bucket: tf-state-staging }
gcp: { project: my-project-123 }
`;
    const config = parseConfig(text, 'ok.yaml', CLOUDS);
    expect(config.tiers.production?.size).toBe('medium');
    expect(config.backend?.production).toEqual({ type: 's3', bucket: 'tf-state', region: 'us-east-1' });
  });
});

describe('configuration rejections name the field, the value and what is allowed', () => {
  it('rejects unknown keys, including typos', () => {
    const text = variant((c) => (c.tiers.production.topolgy = 'hybrid'));
    const issue = expectIssue(text, 'tiers.production.topolgy', /unknown key; allowed keys: size, topology/);
    expect(issue.line).toBe(text.split('\n').findIndex((line) => line.trim().startsWith('topolgy:')) + 1);
    expectIssue(
      variant((c) => (c.imagee = 'x')),
      'imagee',
      /unknown key/,
    );
  });

  it('rejects malformed YAML with the line number', () => {
    const issues = issuesOf('image: ghcr.io/saasy-solutions/mockforge:0.3.213\ndomain: [unclosed\nclouds: [aws]\n');
    // The parser notices the unclosed flow sequence where the next key starts.
    expect(issues[0]!.line).toBe(3);
    expect(issues[0]!.value).toBe('malformed YAML');
  });

  it('rejects a missing file, naming its path', () => {
    const missing = join(tmpdir(), 'does-not-exist', 'mockforge.yaml');
    expect(() => loadConfig({ path: missing, implementedClouds: CLOUDS })).toThrow(
      new RegExp(`${missing.replace(/[/.]/g, '\\$&')}.*no such file`, 's'),
    );
  });

  it('rejects a folder given as the config, and an empty file, saying what is wrong', () => {
    expect(() => loadConfig({ path: tmpdir(), implementedClouds: CLOUDS })).toThrow(/not a file/);
    expect(() => parseConfig('# nothing yet\n', 'empty.yaml', CLOUDS)).toThrow(
      /the file is empty; required keys: image, domain, clouds, tiers/,
    );
  });

  it('reports a cloud listed twice once, not also as a hostname clash', () => {
    const issues = issuesOf(variant((c) => (c.clouds = ['aws', 'aws', 'gcp', 'kubernetes'])));
    expect(issues.map((i) => i.path)).toEqual(['clouds[1]']);
  });

  it.each([
    ['ghcr.io/saasy-solutions/mockforge:latest', /`latest` is not allowed/],
    ['ghcr.io/saasy-solutions/mockforge', /has no tag/],
    ['ghcr.io/saasy-solutions/mockforge:0.3', /can move/],
    ['not an image', /expected an image reference/],
  ])('rejects the unpinned image %s', (image, why) => {
    expectIssue(
      variant((c) => (c.image = image)),
      'image',
      why,
    );
  });

  it('rejects an unknown cloud, and a known cloud without an implemented target', () => {
    expectIssue(
      variant((c) => c.clouds.push('oracle')),
      'clouds[3]',
      /allowed: aws \| gcp \| azure \| digitalocean \| kubernetes/,
    );
    // The unknown cloud is not also reported as missing regions in every tier.
    expect(issuesOf(variant((c) => c.clouds.push('oracle'))).map((i) => i.path)).toEqual(['clouds[3]']);
    const issues = issuesOf(variant((c) => c.clouds.push('azure')));
    expect(issues.find((i) => i.path === 'clouds[3]')?.expected).toBe('implemented targets: aws | gcp | kubernetes');
  });

  it.each([
    ['docker.io/acme/mockforge:0.3.213', ['aws'], 'docker.io', /aws pulls through a mirror of ghcr.io only/],
    ['acme/mockforge:0.3.213', ['aws', 'kubernetes'], 'docker.io', /aws pulls through/],
    ['registry.example.com:5000/mockforge@sha256:' + 'a'.repeat(64), ['gcp'], 'registry.example.com:5000', /gcp pulls through/],
    ['ghcr.io:443/saasy-solutions/mockforge:0.3.213', ['aws', 'gcp'], 'ghcr.io:443', /aws and gcp pull through/],
  ] as [string, CloudName[], string, RegExp][])('rejects the image %s on %j: only ghcr.io is mirrored', (image, clouds, registry, why) => {
    const text = stringify({ ...defaultConfig(clouds), image });
    const issue = expectIssue(text, 'image', /an image on ghcr\.io \(such as ghcr\.io\/saasy-solutions\/mockforge:0\.3\.213\)/);
    expect(issue.value).toBe(image);
    expect(issue.expected).toContain(`not ${registry}:`);
    expect(issue.expected).toMatch(why);
    expect(issue.line).toBe(1);
  });

  it('accepts an image from any registry when only Kubernetes pulls it', () => {
    for (const image of ['registry.example.com/mirror/mockforge:0.3.213', 'acme/mockforge:0.3.213']) {
      const config = parseConfig(stringify({ ...defaultConfig(['kubernetes']), image }), 'k8s.yaml', CLOUDS);
      expect(config.image).toBe(image);
    }
    // Pinning still applies there.
    expectIssue(stringify({ ...defaultConfig(['kubernetes']), image: 'registry.example.com/mockforge:latest' }), 'image', /`latest`/);
  });

  it('rejects an unknown tier, tier size or topology', () => {
    expectIssue(
      variant((c) => (c.tiers.qa = c.tiers.dev)),
      'tiers.qa',
      /allowed: dev \| staging \| production/,
    );
    expectIssue(
      variant((c) => (c.tiers.production.size = 'huge')),
      'tiers.production.size',
      /allowed: small \| medium \| large/,
    );
    expectIssue(
      variant((c) => (c.tiers.dev.topology = 'mesh')),
      'tiers.dev.topology',
      /allowed: stateless \| multi-region \| hybrid/,
    );
    expectIssue(
      variant((c) => (c.tiers.dev.size = 'large')),
      'tiers.dev.size',
      /only production has a size/,
    );
    expectIssue(
      variant((c) => (c.tiers.production.zoneRedundantData = false)),
      'tiers.production.zoneRedundantData',
      /only staging chooses \(true \| false\)/,
    );
    expectIssue(
      variant((c) => (c.tiers.staging.zoneRedundantData = 'yes')),
      'tiers.staging.zoneRedundantData',
      /true or false|boolean/,
    );
    expectIssue(
      variant((c) => {
        c.tiers.staging.zoneRedundantData = true;
        c.tiers.staging.optOuts = { multiAz: { reason: 'single-zone pilot region' } };
      }),
      'tiers.staging.zoneRedundantData',
      /optOuts.multiAz already keeps this tier's data in one zone/,
    );
  });

  it('rejects a region the cloud does not have, and duplicate regions', () => {
    const bad = expectIssue(
      variant((c) => (c.tiers.dev.regions.aws = ['us-central1'])),
      'tiers.dev.regions.aws[0]',
      /a aws region; known: us-east-1/,
    );
    expect(bad.value).toBe('us-central1');
    expectIssue(
      variant((c) => (c.tiers.production.regions.gcp = ['us-central1', 'us-central1'])),
      'tiers.production.regions.gcp[1]',
      /each region at most once/,
    );
  });

  it('rejects a domain that is not a valid DNS name', () => {
    expectIssue(
      variant((c) => (c.domain = 'not a domain')),
      'domain',
      /a DNS name such as mocks.example.com/,
    );
    expectIssue(
      variant((c) => (c.domain = 'localhost')),
      'domain',
      /a DNS name/,
    );
  });

  it('rejects a multi-region topology with fewer than two regions', () => {
    expectIssue(
      variant((c) => (c.tiers.production.regions.aws = ['us-east-1'])),
      'tiers.production.regions.aws',
      /at least two regions per cloud/,
    );
  });

  it('rejects overlapping network CIDRs and CIDRs outside 10.0.0.0/8', () => {
    const overlap = variant((c) => (c.tiers.production.cidrs = { aws: { 'us-east-1': '10.50.0.0/16', 'eu-west-1': '10.50.0.0/17' } }));
    expectIssue(overlap, 'tiers.production.cidrs.aws.eu-west-1', /does not overlap aws.us-east-1 \(10.50.0.0\/16\)/);
    expectIssue(
      variant((c) => (c.tiers.dev.cidrs = { aws: { 'us-east-1': '192.168.0.0/16' } })),
      'tiers.dev.cidrs.aws.us-east-1',
      /inside 10.0.0.0\/8/,
    );
    expectIssue(
      variant((c) => (c.tiers.dev.cidrs = { aws: { 'us-east-1': '10.1.2.0/16' } })),
      'tiers.dev.cidrs.aws.us-east-1',
      /no host bits/,
    );
  });

  it('rejects ip-hash where ECS serves the tier, since its load balancer has no source-IP hash', () => {
    const ipHash = (compute?: { aws: 'ecs' | 'eks' }) =>
      variant((c) => {
        c.tiers.staging.loadBalancing = 'ip-hash';
        if (compute) c.tiers.staging.compute = compute;
      });
    expectIssue(ipHash(), 'tiers.staging.loadBalancing', /round-robin \| least-connections \| weighted\), or compute.aws: eks/);
    expect(parseConfig(ipHash({ aws: 'eks' }), 'eks.yaml', CLOUDS).tiers.staging!.loadBalancing).toBe('ip-hash');
  });

  it('rejects malformed CIDRs and Kubernetes names wherever they appear', () => {
    const kubernetes = (settings: object) =>
      variant((c) => {
        c.kubernetes = settings;
      });
    expectIssue(kubernetes({ databaseCidrs: ['999.1.1.1/33'] }), 'kubernetes.databaseCidrs[0]', /octets up to 255, prefix up to 32/);
    expectIssue(kubernetes({ redisCidrs: ['10.1.2.3/8'] }), 'kubernetes.redisCidrs[0]', /no host bits/);
    expectIssue(
      variant((c) => {
        c.tls = { mode: 'provided', kubernetesSecretName: 'Bad Name!' };
      }),
      'tls.kubernetesSecretName',
      /a Kubernetes name \(DNS label\)/,
    );
  });

  it('rejects HTTPS without a certificate when certificates are provided', () => {
    const text = variant((c) => (c.tls = { mode: 'provided', gcpCertificate: 'projects/p/locations/global/certificates/c' }));
    expectIssue(text, 'tls.awsCertificateArn', /HTTPS needs a certificate/);
    expectIssue(text, 'tls.kubernetesSecretName', /HTTPS needs a certificate/);
  });

  it('rejects a backend of an unknown type or missing its bucket', () => {
    expectIssue(
      variant((c) => (c.backend = { production: { type: 'ftp' } })),
      'backend.production.type',
      /allowed: local \| s3 \| gcs \| azurerm \| hcp/,
    );
    expectIssue(
      variant((c) => (c.backend = { production: { type: 's3', region: 'us-east-1' } })),
      'backend.production.bucket',
      /required/,
    );
  });

  it('reports every problem at once', () => {
    const text = variant((c) => {
      c.image = 'ghcr.io/saasy-solutions/mockforge:latest';
      c.domain = 'bad domain';
      c.tiers.production.size = 'huge';
      c.tiers.dev.regions.aws = ['mars-1'];
    });
    expect(
      issuesOf(text)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['domain', 'image', 'tiers.dev.regions.aws[0]', 'tiers.production.size']);
  });

  it('reports cross-field problems next to a malformed part of the document', () => {
    const text = `
image: ghcr.io/saasy-solutions/mockforge:latest
domain: mocks.example.com
clouds: [aws, azure]
tiers:
  dev:
    regions:
      aws: us-east-1
      azure: [eastus]
`;
    const issues = issuesOf(text);
    expect(issues.map((i) => `${i.path}: ${i.expected}`)).toEqual([
      'image: `latest` is not allowed; pin a release tag (0.3.213) or a digest (@sha256:...)',
      'clouds[1]: implemented targets: aws | gcp | kubernetes',
      'tiers.dev.regions.aws: expected a list, not a string',
    ]);
  });

  it('keeps checking the rest of a tier, and other tiers, around a rejected entry', () => {
    const text = variant((c) => {
      c.image = 'ghcr.io/saasy-solutions/mockforge:latest';
      c.tiers.dev.cidrs = { aws: { 'us-east-1': '10.1.2.0/16' } };
      c.tiers.dev.size = 'large';
      c.tiers.staging.regions.aws = ['mars-1'];
    });
    expect(
      issuesOf(text)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['image', 'tiers.dev.cidrs.aws.us-east-1', 'tiers.dev.size', 'tiers.staging.regions.aws[0]']);
  });

  it('skips the checks that read a malformed part, without inventing problems from it', () => {
    const text = variant((c) => {
      c.clouds = 'aws';
      c.image = 'ghcr.io/saasy-solutions/mockforge:latest';
    });
    expect(issuesOf(text).map((i) => i.path)).toEqual(['image', 'clouds']);
  });

  it('formats the error with path, line, value and what is allowed', () => {
    try {
      parseConfig(
        variant((c) => (c.tiers.production.size = 'huge')),
        'prod.yaml',
        CLOUDS,
      );
      throw new Error('expected a rejection');
    } catch (error) {
      expect((error as Error).message).toMatch(
        /^invalid configuration in prod.yaml:\n {2}- tiers\.production\.size \(line \d+\): got "huge"; allowed: small \| medium \| large$/,
      );
    }
  });
});

describe('messages a new user reads', () => {
  function messageOf(text: string): string {
    try {
      parseConfig(text, 'infra.yaml', CLOUDS);
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
      throw error;
    }
    throw new Error('expected the config to be rejected');
  }

  it('names a missing required key and what it may hold, without dumping the parent', () => {
    expect(messageOf('image: ghcr.io/saasy-solutions/mockforge:0.3.213\ndomain: mocks.example.com\n')).toBe(
      [
        'invalid configuration in infra.yaml:',
        '  - clouds (line 1): required; one or more of aws, gcp, kubernetes',
        '  - tiers (line 1): required; a mapping keyed by dev | staging | production',
      ].join('\n'),
    );
    expect(messageOf('clouds: [kubernetes]\ntiers: { dev: { regions: { kubernetes: [primary] } } }\n')).toBe(
      [
        'invalid configuration in infra.yaml:',
        '  - image (line 1): required; an image reference such as ghcr.io/saasy-solutions/mockforge:0.3.213',
        '  - domain (line 1): required; a DNS name such as mocks.example.com',
      ].join('\n'),
    );
  });

  it('turns an alias bomb into a config error instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [prev, name] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
    ])
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    expect(messageOf(levels.join('\n'))).toBe(
      'invalid configuration in infra.yaml:\n' +
        '  - (document): got "unreadable YAML"; Excessive alias count indicates a resource exhaustion attack (at most 50 alias expansions)',
    );
  });

  it('says once how to place a fifth region of one cloud', () => {
    const text = variant((c) => {
      c.tiers = {
        production: { topology: 'multi-region', regions: { aws: ['us-east-1', 'eu-west-1', 'ap-south-1', 'us-west-2', 'eu-central-1'] } },
      };
      c.clouds = ['aws'];
    });
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.path, i.expected])).toEqual([
      [
        'tiers.production.regions.aws',
        'VPC blocks are allocated automatically for the first 4 regions of each cloud only; set tiers.production.cidrs.aws.eu-central-1 to a /16 to /20 network inside 10.0.0.0/8',
      ],
    ]);
    const placed = variant((c) => {
      c.tiers = {
        production: {
          topology: 'multi-region',
          regions: { aws: ['us-east-1', 'eu-west-1', 'ap-south-1', 'us-west-2', 'eu-central-1'] },
          cidrs: { aws: { 'eu-central-1': '10.100.0.0/16' } },
        },
      };
      c.clouds = ['aws'];
    });
    expect(parseConfig(placed, 'infra.yaml', CLOUDS).tiers.production?.cidrs?.aws?.['eu-central-1']).toBe('10.100.0.0/16');
  });

  it('accepts the smallest valid file: image, domain, one cloud, one tier', () => {
    const minimal = [
      'image: ghcr.io/saasy-solutions/mockforge:0.3.213',
      'domain: mocks.example.com',
      'clouds: [kubernetes]',
      'tiers:',
      '  dev:',
      '    regions: { kubernetes: [primary] }',
    ].join('\n');
    expect(parseConfig(minimal, 'infra.yaml', CLOUDS)).toEqual({
      image: 'ghcr.io/saasy-solutions/mockforge:0.3.213',
      domain: 'mocks.example.com',
      clouds: ['kubernetes'],
      tiers: { dev: { regions: { kubernetes: ['primary'] } } },
    });
  });
});

describe('hostnames', () => {
  it('gives every tier and cloud its own public name, production on the bare cloud label', () => {
    const config = defaultConfig(CLOUDS);
    expect(hostnameFor(config, 'production', 'aws')).toBe('aws.mocks.example.com');
    expect(hostnameFor(config, 'dev', 'gcp')).toBe('dev.gcp.mocks.example.com');
    expect(hostnameFor(defaultConfig(['aws']), 'production', 'aws')).toBe('mocks.example.com');
    expect(hostnameFor(defaultConfig(['aws']), 'staging', 'aws')).toBe('staging.mocks.example.com');
  });

  it('takes explicit hostnames and rejects two deployments sharing one', () => {
    const text = variant((c) => (c.tiers.production.hostnames = { aws: 'mocks.example.com', gcp: 'mocks.example.com' }));
    expectIssue(text, 'tiers.production.hostnames.gcp', /a hostname of its own; tiers\.production\.hostnames\.aws already uses it/);
    expectIssue(
      variant((c) => (c.tiers.dev.hostnames = { aws: 'not a host' })),
      'tiers.dev.hostnames.aws',
      /a DNS name/,
    );
  });

  it('reports a hostname for a cloud outside `clouds` once', () => {
    const issues = issuesOf(variant((c) => (c.tiers.production.hostnames = { azure: 'azure.example.com' })));
    expect(issues.map((i) => `${i.path}: ${i.expected}`)).toEqual([
      'tiers.production.hostnames.azure: not in `clouds` (aws, gcp, kubernetes)',
    ]);
  });
});
