import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '@mockforge-infra/core';
import { stringify } from 'yaml';
import { runSynthCli } from '../cli';
import { synthesize } from '../synthesize';
import { IMPLEMENTED_CLOUDS } from '../targets';
import { estimateTargets, readSynthesizedStacks } from './targets';

const scratch = () => mkdtempSync(join(tmpdir(), 'mf-budget-'));

function configWithBudget(budgets: Record<string, number>): string {
  const config = JSON.parse(JSON.stringify(defaultConfig(IMPLEMENTED_CLOUDS))) as { tiers: Record<string, Record<string, unknown>> };
  for (const [tier, budget] of Object.entries(budgets)) config.tiers[tier]!.budgetUsd = budget;
  const file = join(scratch(), 'config.yaml');
  writeFileSync(file, stringify(config));
  return file;
}

function run(args: string[]) {
  const lines: string[] = [];
  const code = runSynthCli(
    args,
    (l) => lines.push(l),
    (l) => lines.push(l),
  );
  return { code, output: lines.join('\n') };
}

describe('tier budgets', () => {
  // The dev tier without a budget, priced the way the check prices it.
  const unbudgeted = join(scratch(), 'cdktf.out');
  synthesize({ outdir: unbudgeted, tiers: ['dev'], clouds: ['aws', 'gcp'] });
  const [aws, gcp] = estimateTargets(readSynthesizedStacks(unbudgeted), ['dev'], ['aws', 'gcp']);

  it('fails synthesis over budget, per cloud, naming the field, the estimate and the largest lines, and writes nothing', () => {
    const outdir = join(scratch(), 'cdktf.out');
    const budget = Math.floor(Math.min(aws!.monthlyUsd, gcp!.monthlyUsd)) - 1;
    const { code, output } = run([
      '--config',
      configWithBudget({ dev: budget }),
      '--outdir',
      outdir,
      '--tier',
      'dev',
      '--cloud',
      'aws,gcp',
    ]);
    const usd = (n: number) => `$${n.toFixed(2)}`;
    const largest = (t: typeof aws) =>
      t!.lines
        .slice(0, 3)
        .map((l) => `${l.kind} ${usd(l.monthlyUsd)}`)
        .join(', ');
    expect(code).toBe(1);
    expect(output).toBe(
      [
        'error: budget check failed:',
        `  - tiers.dev.budgetUsd: the dev tier is estimated at ${usd(aws!.monthlyUsd)}/month on aws, over its budget of ${usd(budget)} (per cloud); largest lines: ${largest(aws)}`,
        `  - tiers.dev.budgetUsd: the dev tier is estimated at ${usd(gcp!.monthlyUsd)}/month on gcp, over its budget of ${usd(budget)} (per cloud); largest lines: ${largest(gcp)}`,
        'nothing was written; the previous output is unchanged',
      ].join('\n'),
    );
    // The AWS dev tier's three largest lines, by name.
    expect(aws!.lines.slice(0, 3).map((l) => l.kind)).toEqual(['Application Load Balancer', 'WAF', 'Fargate tasks']);
    expect(readdirSync(join(outdir, '..'))).toEqual([]);
  });

  it('fails only the cloud over budget, and leaves an earlier output untouched', () => {
    const outdir = join(scratch(), 'cdktf.out');
    synthesize({ outdir, tiers: ['dev'], clouds: ['aws'] });
    const before = readFileSync(join(outdir, 'manifest.json'), 'utf8');
    const [cheap, dear] = [aws!, gcp!].sort((a, b) => a.monthlyUsd - b.monthlyUsd);
    const budget = (cheap!.monthlyUsd + dear!.monthlyUsd) / 2;
    const { code, output } = run([
      '--config',
      configWithBudget({ dev: budget }),
      '--outdir',
      outdir,
      '--tier',
      'dev',
      '--cloud',
      'aws,gcp',
    ]);
    expect(code).toBe(1);
    expect(output).toContain(`on ${dear!.cloud}, over its budget`);
    expect(output).not.toContain(`on ${cheap!.cloud}, over its budget`);
    expect(readFileSync(join(outdir, 'manifest.json'), 'utf8')).toBe(before);
    expect(Object.keys(JSON.parse(before).stacks)).toEqual(['dev-aws-global', 'dev-aws-us-east-1']);
  });

  it('passes a budget the estimate fits, and ignores budgets of tiers not synthesized', () => {
    const outdir = join(scratch(), 'cdktf.out');
    const budget = Math.ceil(Math.max(aws!.monthlyUsd, gcp!.monthlyUsd));
    const { code } = run([
      '--config',
      configWithBudget({ dev: budget, production: 1 }),
      '--outdir',
      outdir,
      '--tier',
      'dev',
      '--cloud',
      'aws,gcp',
    ]);
    expect(code).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).stacks).sort()).toEqual(
      [...aws!.stacks, ...gcp!.stacks].sort(),
    );
  });
});
