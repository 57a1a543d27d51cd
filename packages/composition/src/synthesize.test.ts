import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { defaultConfig } from '@mockforge-infra/core';
import { stringify } from 'yaml';
import { UsageError } from './args';
import { runSynthCli, parseSynthArgs } from './cli';
import { synthesize } from './synthesize';
import { formatSummary } from './summary';
import { IMPLEMENTED_CLOUDS } from './targets';

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function quiet(args: string[]) {
  const lines: string[] = [];
  const code = runSynthCli(
    args,
    (l) => lines.push(l),
    (l) => lines.push(l),
  );
  return { code, output: lines.join('\n') };
}

const scratch = () => mkdtempSync(join(tmpdir(), 'mf-synth-'));

describe('synthesis', () => {
  // One full synthesis of the default config, shared by the assertions below.
  const outdir = join(scratch(), 'cdktf.out');
  const result = synthesize({ outdir });

  it('writes every tier of every implemented cloud as cdktf.out/stacks/<stack>/cdk.tf.json with a manifest', () => {
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    const names = Object.keys(manifest.stacks).sort();
    expect(names).toEqual(result.stacks.map((s) => s.stack).sort());
    for (const tier of ['dev', 'staging', 'production']) {
      for (const cloud of IMPLEMENTED_CLOUDS) expect(names.some((n) => n.startsWith(`${tier}-${cloud}-`))).toBe(true);
    }
    for (const name of names) {
      expect(manifest.stacks[name].synthesizedStackPath).toBe(`stacks/${name}/cdk.tf.json`);
      expect(existsSync(join(outdir, 'stacks', name, 'cdk.tf.json'))).toBe(true);
    }
    expect(result.stacks.every((s) => s.resources > 0)).toBe(true);
  });

  it('prints each step by hand with its stack, its folder and the command, and only those', () => {
    const steps = result.stacks.flatMap((s) => s.manualSteps.map((step) => `${s.stack}: ${step.when}`));
    // The ghcr.io credential ECR reads when it creates each AWS region's pull-through rule, the Secret
    // a standalone cluster's operator fills with the URLs of their own databases, and on Azure (global
    // stack) what azurerm cannot do: the first dev/staging zone apply before the custom domain, binding
    // its managed certificate, approving Front Door's private endpoint in each production region and
    // delegating the production zone.
    const azure = (tier: string, whens: string[]) => whens.map((when) => `${tier}-azure-global: ${when}`);
    const byStack = result.stacks
      .map((s) => s.stack)
      .filter((name) => /^(dev|staging|production)-(aws-[a-z]+-[a-z]+-\d|kubernetes-[a-z]+)$/.test(name))
      .map((name) => `${name}: before the first apply`);
    expect([...steps].sort()).toEqual(
      [
        ...byStack,
        ...azure('dev', ['before the first apply', 'after the first apply']),
        ...azure('staging', ['before the first apply', 'after the first apply']),
        ...azure('production', Array(4).fill('after the first apply')),
      ].sort(),
    );
    const summary = formatSummary(result);
    const folder = join(outdir, 'stacks', 'dev-aws-us-east-1');
    expect(summary).toContain(
      `  dev-aws-us-east-1, before the first apply: ECR reads the ghcr.io credential when it creates the pull-through cache rule; create its secret alone, then write it\n` +
        `      terraform -chdir=${folder} init && terraform -chdir=${folder} apply -target=aws_secretsmanager_secret.image_cache_credential_164B2937 && ` +
        `aws secretsmanager put-secret-value --region us-east-1 --secret-id ecr-pullthroughcache/mockforge-dev-ghcr`,
    );
    expect(summary).toContain(
      `-n mockforge-staging create secret generic mockforge-secrets --from-literal=DATABASE_URL=<value> --from-literal=REDIS_URL=<value>`,
    );
  });

  it('names stacks <tier>-<cloud>-<region> or <tier>-<cloud>-global', () => {
    for (const { stack } of result.stacks)
      expect(stack).toMatch(/^(dev|staging|production)-(aws|gcp|azure|digitalocean|kubernetes)-[a-z0-9-]+$/);
  });

  it('produces byte-identical output on a second synthesis', () => {
    const again = join(scratch(), 'cdktf.out');
    synthesize({ outdir: again });
    expect(filesUnder(again)).toEqual(filesUnder(outdir));
  });

  it('leaves no unsuppressed error findings in the default config', () => {
    const blocking = result.stacks.flatMap((s) => s.findings).filter((f) => f.severity === 'error' && !f.suppressedBecause);
    expect(blocking).toEqual([]);
  });

  it('fails on a bad config with a non-zero exit and leaves the previous output untouched', () => {
    const before = filesUnder(outdir);
    const badConfig = join(scratch(), 'bad.yaml');
    const config = JSON.parse(JSON.stringify(defaultConfig(IMPLEMENTED_CLOUDS))) as Record<string, any>;
    config.image = 'ghcr.io/saasy-solutions/mockforge:latest';
    config.tiers.production.size = 'huge';
    writeFileSync(badConfig, stringify(config));
    const { code, output } = quiet(['--config', badConfig, '--outdir', outdir]);
    expect(code).toBe(1);
    expect(output).toContain('image (line 1): got "ghcr.io/saasy-solutions/mockforge:latest"; `latest` is not allowed');
    expect(output).toMatch(/tiers\.production\.size \(line \d+\): got "huge"; allowed: small \| medium \| large/);
    expect(output).toContain('nothing was written');
    expect(filesUnder(outdir)).toEqual(before);
    expect(readdirSync(join(outdir, '..')).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('synthesizes a subset by tier and cloud into the same layout', () => {
    const subset = join(scratch(), 'cdktf.out');
    const cloud = IMPLEMENTED_CLOUDS[0]!;
    const { code, output } = quiet(['--tier', 'dev', '--cloud', cloud, '--outdir', subset]);
    expect(code).toBe(0);
    const names = Object.keys(JSON.parse(readFileSync(join(subset, 'manifest.json'), 'utf8')).stacks);
    expect(names.sort()).toEqual(['dev-aws-global', 'dev-aws-us-east-1']);
    expect(output).toMatch(/stack\s+resources\s+backend\s+findings\s+suppressed/);
  });

  it('says which stacks of the previous output a subset no longer has', () => {
    const outdir = join(scratch(), 'cdktf.out');
    expect(quiet(['--tier', 'dev,staging', '--cloud', 'kubernetes', '--outdir', outdir]).code).toBe(0);
    const { output } = quiet(['--tier', 'dev', '--cloud', 'kubernetes', '--outdir', outdir]);
    expect(output).toContain('no longer in the output (this synthesis does not include them): staging-kubernetes-primary');
  });
});

describe('small and unusual configurations', () => {
  function synthOf(yaml: string) {
    const configPath = join(scratch(), 'infra.yaml');
    writeFileSync(configPath, yaml);
    return synthesize({ configPath, outdir: join(scratch(), 'cdktf.out') });
  }

  it('synthesizes the smallest valid file (image, domain, one cloud, one tier) with every default', () => {
    const result = synthOf(
      [
        'image: ghcr.io/saasy-solutions/mockforge:0.3.213',
        'domain: mocks.example.com',
        'clouds: [aws]',
        'tiers:',
        '  dev:',
        '    regions: { aws: [us-east-1] }',
      ].join('\n'),
    );
    expect(result.stacks.map((s) => s.stack)).toEqual(['dev-aws-us-east-1', 'dev-aws-global']);
    expect(result.stacks.flatMap((s) => s.findings).filter((f) => f.severity === 'error' && !f.suppressedBecause)).toEqual([]);
  });

  it('prints suppression reasons without unresolved tokens', () => {
    const result = synthOf(
      [
        'image: ghcr.io/saasy-solutions/mockforge:0.3.213',
        'domain: mocks.example.com',
        'clouds: [aws]',
        'tiers:',
        '  production:',
        '    compute: { aws: eks }',
        '    regions: { aws: [us-east-1] }',
      ].join('\n'),
    );
    const reasons = result.stacks.flatMap((s) => s.findings).flatMap((f) => (f.suppressedBecause ? [f.suppressedBecause] : []));
    expect(reasons.filter((r) => r.includes('TfToken'))).toEqual([]);
    expect(reasons.filter((r) => r.includes('<known after apply>'))).toEqual([
      'image <known after apply>.dkr.ecr.us-east-1.amazonaws.com/mockforge-production-ghcr/saasy-solutions/mockforge:0.3.213 is pinned to a release tag (the config rejects latest and floating tags; set an @sha256 digest in `image` to pin by content)',
    ]);
  });
});

describe('synth arguments', () => {
  it('rejects unknown tiers, clouds and options with what is allowed', () => {
    expect(() => parseSynthArgs(['--tier', 'qa'])).toThrow(new UsageError('--tier: got "qa"; allowed: dev | staging | production'));
    expect(() => parseSynthArgs(['--cloud=oracle'])).toThrow(
      /--cloud: got "oracle"; allowed: aws \| gcp \| azure \| digitalocean \| kubernetes/,
    );
    expect(() => parseSynthArgs(['--force'])).toThrow(/unknown option "--force"/);
    expect(quiet(['--tier']).code).toBe(2);
  });

  it('parses lists and inline values', () => {
    expect(parseSynthArgs(['--tier', 'dev,staging', '--cloud=aws', '--config', 'x.yaml'])).toEqual({
      tiers: ['dev', 'staging'],
      clouds: ['aws'],
      configPath: 'x.yaml',
    });
  });
});
