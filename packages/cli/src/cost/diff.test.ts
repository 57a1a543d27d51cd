import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estimateTargets, readSynthesizedStacks, synthesize, type TargetCost } from '@mockforge-infra/composition';
import { defaultConfig } from '@mockforge-infra/core';
import { stringify } from 'yaml';
import { main } from '../main';
import { diffTargets, formatDiffMarkdown, loadBaseline } from './diff';

const scratch = () => mkdtempSync(join(tmpdir(), 'mf-cost-diff-'));

/** The default config for AWS and GCP, production on ECS or on EKS. */
function config(awsCompute: 'ecs' | 'eks'): string {
  const c = JSON.parse(JSON.stringify(defaultConfig(['aws', 'gcp']))) as { tiers: Record<string, Record<string, unknown>> };
  c.tiers.production!.compute = { aws: awsCompute };
  const file = join(scratch(), `${awsCompute}.yaml`);
  writeFileSync(file, stringify(c));
  return file;
}

async function run(...argv: string[]) {
  const out: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: () => undefined });
  return { code, out: out.join('\n') };
}

describe('cost --diff', () => {
  // Two real syntheses: production on ECS (before) and on EKS (after).
  const [ecsFile, eksFile] = [config('ecs'), config('eks')];
  const before = join(scratch(), 'cdktf.out');
  const after = join(scratch(), 'cdktf.out');
  synthesize({ configPath: ecsFile, outdir: before, tiers: ['production'] });
  synthesize({ configPath: eksFile, outdir: after, tiers: ['production'] });
  const price = (dir: string) => estimateTargets(readSynthesizedStacks(dir), ['production'], ['aws', 'gcp']);
  const [ecs, eks] = [price(before), price(after)];
  const line = (targets: TargetCost[], kind: string) => Math.round(targets[0]!.lines.find((l) => l.kind === kind)!.monthlyUsd * 100) / 100;

  it('lists added, removed and changed lines per tier and cloud, with the totals before and after', () => {
    const diffs = diffTargets(ecs, eks);
    expect(diffs.map((d) => [d.tier, d.cloud, d.lines.map((l) => `${l.change} ${l.kind}`)])).toEqual([
      [
        'production',
        'aws',
        [
          'removed Fargate tasks',
          'added EKS nodes',
          'added EKS control plane',
          'removed Application Load Balancer',
          'changed Route 53',
          'changed Alarms and dashboards',
        ],
      ],
      // GCP is untouched: no lines, no change.
      ['production', 'gcp', []],
    ]);
    const aws = diffs[0]!;
    expect(aws.lines.find((l) => l.kind === 'Fargate tasks')).toEqual({
      kind: 'Fargate tasks',
      change: 'removed',
      beforeUsd: line(ecs, 'Fargate tasks'),
      afterUsd: 0,
      before: '15 × tasks (4 vCPU, 8 GB)',
    });
    expect(aws.lines.find((l) => l.kind === 'EKS control plane')).toEqual({
      kind: 'EKS control plane',
      change: 'added',
      beforeUsd: 0,
      afterUsd: 219,
      after: '3 × cluster',
    });
    expect([aws.beforeUsd, aws.afterUsd]).toEqual([Math.round(ecs[0]!.monthlyUsd * 100) / 100, Math.round(eks[0]!.monthlyUsd * 100) / 100]);
    expect(aws.deltaUsd).toBeCloseTo(aws.afterUsd - aws.beforeUsd, 6);
    expect(diffs[1]!.deltaUsd).toBe(0);
  });

  it('prints Markdown for a pull request and JSON for CI, from a synthesis folder', async () => {
    const text = await run('cost', '--config', eksFile, '--tier', 'production', '--diff', before);
    const aws = diffTargets(ecs, eks)[0]!;
    const usd = (n: number) => `$${n.toFixed(2)}`;
    expect(text.code).toBe(0);
    expect(text.out).toContain(`| production | aws | ${usd(aws.beforeUsd)} | ${usd(aws.afterUsd)} | +${usd(aws.deltaUsd)} |`);
    expect(text.out).toContain('- added EKS control plane: $0.00 → $219.00 (+$219.00); 3 × cluster');
    expect(text.out).not.toContain('| production | gcp |');
    const json = await run('cost', '--config', eksFile, '--tier', 'production', '--diff', before, '--json');
    const parsed = JSON.parse(json.out);
    expect(Object.keys(parsed)).toEqual(['base', 'prices', 'targets']);
    expect(parsed.base).toBe(before);
    expect(parsed.targets).toEqual(diffTargets(ecs, eks));
    expect(formatDiffMarkdown(diffTargets(ecs, ecs), 'main')).toBe(
      [
        '### Estimated monthly cost',
        '',
        `Against main: ${usd(aws.beforeUsd + diffTargets(ecs, ecs)[1]!.beforeUsd)} → ${usd(aws.beforeUsd + diffTargets(ecs, ecs)[1]!.beforeUsd)} (+$0.00) a month, every tier and cloud together.`,
        '',
        'No tier or cloud changes cost.',
      ].join('\n'),
    );
  });

  it('synthesizes a git ref from its own sources in a temporary worktree, and removes the worktree', () => {
    const worktrees = () => spawnSync('git', ['worktree', 'list'], { encoding: 'utf8' }).stdout;
    const listed = worktrees();
    const baseline = loadBaseline('HEAD', { checkout: process.cwd(), synthArgs: ['--tier', 'dev', '--cloud', 'aws', '--config', ecsFile] });
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
    expect(baseline.label).toBe(`HEAD (${head.slice(0, 12)})`);
    expect([...baseline.stacks.keys()]).toEqual(['dev-aws-global', 'dev-aws-us-east-1']);
    expect(worktrees()).toBe(listed);
    expect(() => loadBaseline('no-such-ref-0', { checkout: process.cwd(), synthArgs: [] })).toThrow(
      '--diff no-such-ref-0: neither a folder nor a git commit',
    );
  });
});
