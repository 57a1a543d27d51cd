import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPLEMENTED_CLOUDS } from '@mockforge-infra/composition';
import { main } from './main';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const cloud = IMPLEMENTED_CLOUDS.includes('kubernetes') ? 'kubernetes' : IMPLEMENTED_CLOUDS[0]!;

describe('mockforge-infra', () => {
  it('prints usage and rejects unknown commands and options with exit code 2', async () => {
    expect((await run('help')).out).toMatch(
      /usage: mockforge-infra <command>[\s\S]*validate[\s\S]*synth[\s\S]*list[\s\S]*cost[\s\S]*diagram/,
    );
    const unknown = await run('deploy');
    expect([unknown.code, unknown.err]).toEqual([
      2,
      expect.stringContaining('unknown command "deploy"; allowed: validate | synth | list | cost | diagram'),
    ]);
    const badFlag = await run('list', '--tier', 'qa');
    expect([badFlag.code, badFlag.err]).toEqual([2, 'error: --tier: got "qa"; allowed: dev | staging | production']);
    expect((await run('diagram', '--format', 'png')).err).toBe('error: --format: got "png"; allowed: svg | mermaid');
  });

  it('validates the default config, and rejects a bad one with the same field-level errors as synth', async () => {
    const ok = await run('validate');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^valid: built-in default\n {2}dev: stateless; /);
    const file = join(mkdtempSync(join(tmpdir(), 'mf-cli-')), 'bad.yaml');
    writeFileSync(
      file,
      `image: ghcr.io/saasy-solutions/mockforge:latest\ndomain: mocks.example.com\nclouds: [${cloud}]\ntiers: { dev: { regions: { ${cloud}: [us-east-1] } } }\n`,
    );
    const bad = await run('validate', '--config', file);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('image (line 1): got "ghcr.io/saasy-solutions/mockforge:latest"; `latest` is not allowed');
  });

  it('lists stacks with resource counts, backends and findings as JSON', async () => {
    const { code, out } = await run('list', '--tier', 'dev', '--cloud', cloud, '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { stack: string; resources: number; backend: string; errors: number }[];
    expect(rows.map((r) => r.stack)).toEqual(['dev-kubernetes-primary']);
    for (const row of rows)
      expect(row).toMatchObject({ stack: expect.stringMatching(new RegExp(`^dev-${cloud}-`)), backend: 'local', errors: 0 });
    expect(rows.every((r) => r.resources > 0)).toBe(true);
  });

  it('estimates cost per tier and target against the guide', async () => {
    const { code, out } = await run('cost', '--tier', 'staging');
    expect(code).toBe(0);
    expect(out).toMatch(/^prices: .*\(2026-11-01, USD\)/);
    expect(out).toMatch(/staging on \w+ \(\d+ stacks\): \$\d+\.\d\d\/month; the guide estimates \$40\.00-\$60\.00/);
  });

  it('draws a tier as Mermaid and as SVG', async () => {
    const mermaid = await run('diagram', '--tier', 'production');
    expect(mermaid.out).toMatch(/^flowchart LR\n {2}subgraph production_/);
    const file = join(mkdtempSync(join(tmpdir(), 'mf-cli-')), 'production.svg');
    const svg = await run('diagram', '--tier', 'production', '--format', 'svg', '--output', file);
    expect(svg.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/<svg[\s\S]*production&#45;/);
  });

  it('gives each command its own --help, and usage on stderr when no command is given', async () => {
    expect(await run('cost', '--help')).toEqual({
      code: 0,
      out: expect.stringMatching(/^usage: mockforge-infra cost \[--tier t\]/),
      err: '',
    });
    const none = await run();
    expect([none.code, none.out, none.err]).toEqual([2, '', expect.stringContaining('usage: mockforge-infra <command>')]);
  });

  it('rejects a value on a boolean flag, a repeated single-value flag, and merges repeated lists', async () => {
    expect((await run('list', '--json=false')).err).toBe('error: --json takes no value; leave it out to turn it off');
    expect((await run('validate', '--config', 'a.yaml', '--config', 'b.yaml')).err).toBe('error: --config is given twice');
    const merged = await run('list', '--tier', 'dev', '--tier', 'dev,staging', '--cloud', cloud, '--json');
    expect([...new Set(JSON.parse(merged.out).map((r: { stack: string }) => r.stack.split('-')[0]))]).toEqual(['dev', 'staging']);
  });

  it('refuses a tier or cloud the configuration does not have, before writing anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mf-cli-'));
    const file = join(dir, 'dev-only.yaml');
    writeFileSync(
      file,
      `image: ghcr.io/saasy-solutions/mockforge:0.3.213\ndomain: mocks.example.com\nclouds: [kubernetes]\ntiers: { dev: { regions: { kubernetes: [primary] } } }\n`,
    );
    const outdir = join(dir, 'cdktf.out');
    const missingTier = await run('synth', '--config', file, '--tier', 'production', '--outdir', outdir);
    expect([missingTier.code, missingTier.err]).toEqual([
      2,
      expect.stringContaining('error: --tier production: not in the configuration (configured: dev)'),
    ]);
    const missingCloud = await run('list', '--config', file, '--cloud', 'aws');
    expect(missingCloud.err).toContain("error: --cloud aws: not in the configuration's clouds (kubernetes)");
    expect(readdirSync(dir)).toEqual(['dev-only.yaml']);
  });

  it('never replaces a folder that is not an earlier synthesis output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mf-cli-'));
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    const result = await run('synth', '--tier', 'dev', '--cloud', cloud, '--outdir', dir);
    expect([result.code, result.err]).toEqual([
      2,
      expect.stringContaining('holds files that are not a synthesis output (no manifest.json)'),
    ]);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('checks the diagram output path before synthesizing', async () => {
    const missing = join(tmpdir(), 'mf-no-such-folder', 'x.mmd');
    const result = await run('diagram', '--output', missing);
    expect([result.code, result.err]).toEqual([2, expect.stringMatching(/^error: --output .*: no folder /)]);
    expect(result.err).not.toMatch(/synthesizing/);
  });

  it("lists the policy pack with each rule's aliases, severity and resource types", async () => {
    const result = await run('rules', '--json');
    const rules = JSON.parse(result.out) as { id: string; aliases: string[]; severity: string; resourceTypes: string[] }[];
    expect(rules.find((r) => r.id === 'CKV_AWS_16')).toMatchObject({
      aliases: ['AWS-0080'],
      severity: 'error',
      resourceTypes: ['aws_db_instance'],
    });
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    // The managed-Kubernetes capacity rules are registered only with a cluster's workload, and listed all the same.
    const capacity = ['MF_AWS_3', 'MF_AWS_4', 'MF_GCP_15', 'MF_GCP_16', 'MF_AZ_AKS_2', 'MF_AZ_AKS_3', 'MF_DIO_6', 'MF_DIO_7'];
    expect(capacity.filter((id) => rules.some((r) => r.id === id))).toEqual(capacity);
    expect((await run('rules', '--cloud', 'gcp')).out).toMatch(/^rule\s+aliases\s+severity\s+checks\n-+/);
  });
});
