import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readSynthesizedStacks, UsageError, type StackJson, type TargetCost } from '@mockforge-infra/composition';
import type { CloudName, TierName } from '@mockforge-infra/core';

export type LineChange = 'added' | 'removed' | 'changed';

export interface LineDiff {
  readonly kind: string;
  readonly change: LineChange;
  readonly beforeUsd: number;
  readonly afterUsd: number;
  readonly before?: string;
  readonly after?: string;
}

/** One tier on one cloud, before and after; a target only one side has counts as $0 on the other. */
export interface TargetDiff {
  readonly tier: TierName;
  readonly cloud: CloudName;
  readonly beforeUsd: number;
  readonly afterUsd: number;
  readonly deltaUsd: number;
  /** Lines that were added, removed or changed by at least a cent, largest change first. */
  readonly lines: readonly LineDiff[];
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** A line's quantity and units, the units sorted: stacks may be read in another order on each side. */
const detail = (l: { quantity: number; unit: string }) => `${l.quantity} × ${l.unit.split('; ').sort().join('; ')}`;

/** Per tier and cloud, the lines whose monthly cost changed, and the totals before and after. */
export function diffTargets(before: readonly TargetCost[], after: readonly TargetCost[]): TargetDiff[] {
  const key = (t: TargetCost) => `${t.tier}/${t.cloud}`;
  const beforeBy = new Map(before.map((t) => [key(t), t]));
  const afterBy = new Map(after.map((t) => [key(t), t]));
  const keys = [...new Set([...after.map(key), ...before.map(key)])];
  const diffs: TargetDiff[] = [];
  for (const k of keys) {
    const b = beforeBy.get(k);
    const a = afterBy.get(k);
    const target = (a ?? b)!;
    const bLines = new Map((b?.lines ?? []).map((l) => [l.kind, l]));
    const aLines = new Map((a?.lines ?? []).map((l) => [l.kind, l]));
    const lines: LineDiff[] = [];
    for (const kind of new Set([...aLines.keys(), ...bLines.keys()])) {
      const bl = bLines.get(kind);
      const al = aLines.get(kind);
      const beforeUsd = cents(bl?.monthlyUsd ?? 0);
      const afterUsd = cents(al?.monthlyUsd ?? 0);
      const change: LineChange | undefined = !bl ? 'added' : !al ? 'removed' : beforeUsd !== afterUsd ? 'changed' : undefined;
      if (!change) continue;
      lines.push({
        kind,
        change,
        beforeUsd,
        afterUsd,
        ...(bl ? { before: detail(bl) } : {}),
        ...(al ? { after: detail(al) } : {}),
      });
    }
    lines.sort((x, y) => Math.abs(y.afterUsd - y.beforeUsd) - Math.abs(x.afterUsd - x.beforeUsd) || x.kind.localeCompare(y.kind));
    const beforeUsd = cents(b?.monthlyUsd ?? 0);
    const afterUsd = cents(a?.monthlyUsd ?? 0);
    diffs.push({ tier: target.tier, cloud: target.cloud, beforeUsd, afterUsd, deltaUsd: cents(afterUsd - beforeUsd), lines });
  }
  return diffs;
}

const usd = (n: number) => `$${n.toFixed(2)}`;
const signed = (n: number) => `${n < 0 ? '-' : '+'}${usd(Math.abs(n))}`;

/** The diff as Markdown, for a pull request comment or the job summary. */
export function formatDiffMarkdown(diffs: readonly TargetDiff[], baseLabel: string): string {
  const changed = diffs.filter((d) => d.lines.length > 0 || d.deltaUsd !== 0);
  const before = cents(diffs.reduce((s, d) => s + d.beforeUsd, 0));
  const after = cents(diffs.reduce((s, d) => s + d.afterUsd, 0));
  const out = [
    '### Estimated monthly cost',
    '',
    `Against ${baseLabel}: ${usd(before)} → ${usd(after)} (${signed(cents(after - before))}) a month, every tier and cloud together.`,
    '',
  ];
  if (changed.length === 0) return [...out, 'No tier or cloud changes cost.'].join('\n');
  out.push('| tier | cloud | before | after | change |', '|---|---|---:|---:|---:|');
  for (const d of changed) out.push(`| ${d.tier} | ${d.cloud} | ${usd(d.beforeUsd)} | ${usd(d.afterUsd)} | ${signed(d.deltaUsd)} |`);
  for (const d of changed) {
    out.push('', `**${d.tier} on ${d.cloud}**: ${usd(d.beforeUsd)} → ${usd(d.afterUsd)} (${signed(d.deltaUsd)})`, '');
    for (const l of d.lines) {
      const what = l.change === 'added' ? l.after : l.change === 'removed' ? l.before : `${l.before} → ${l.after}`;
      out.push(`- ${l.change} ${l.kind}: ${usd(l.beforeUsd)} → ${usd(l.afterUsd)} (${signed(cents(l.afterUsd - l.beforeUsd))}); ${what}`);
    }
  }
  out.push('', 'List prices; usage-based charges (requests, transfer, logs) are not included.');
  return out.join('\n');
}

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: process.env });
  if (result.status !== 0) {
    throw new UsageError(`--diff: \`${command} ${args.join(' ')}\` failed in ${cwd}:\n${(result.stderr || result.stdout).trim()}`);
  }
  return result.stdout.trim();
}

/** The workspace packages of a checkout, by package name, so a worktree resolves its own sources. */
function workspacePackages(checkout: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const group of ['packages', 'apps']) {
    const dir = join(checkout, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const manifest = join(dir, name, 'package.json');
      if (existsSync(manifest)) found.set((JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name, join(dir, name));
    }
  }
  return found;
}

/**
 * A node_modules for the worktree: every installed package of this checkout, linked (no install,
 * works offline), except the workspace's own packages, which point into the worktree.
 */
function linkDependencies(checkout: string, worktree: string): void {
  const own = workspacePackages(worktree);
  const modules = join(checkout, 'node_modules');
  const target = join(worktree, 'node_modules');
  mkdirSync(target);
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('@') && statSync(join(modules, entry)).isDirectory()) {
      mkdirSync(join(target, entry));
      for (const pkg of readdirSync(join(modules, entry))) {
        const name = `${entry}/${pkg}`;
        symlinkSync(own.get(name) ?? join(modules, entry, pkg), join(target, entry, pkg));
      }
    } else if (!own.has(entry)) {
      symlinkSync(join(modules, entry), join(target, entry));
    }
  }
  for (const [name, dir] of own) if (!existsSync(join(target, name))) symlinkSync(dir, join(target, name));
}

export interface Baseline {
  readonly label: string;
  readonly stacks: ReadonlyMap<string, StackJson>;
}

/**
 * The synthesis to compare with: a synthesis output folder as it is, or a git ref synthesized
 * from its own sources in a temporary worktree that reuses this checkout's node_modules.
 */
export function loadBaseline(refOrDir: string, options: { readonly checkout: string; readonly synthArgs: readonly string[] }): Baseline {
  if (existsSync(refOrDir) && statSync(refOrDir).isDirectory()) {
    if (!existsSync(join(refOrDir, 'manifest.json')))
      throw new UsageError(`--diff ${refOrDir}: not a synthesis output (no manifest.json); give a cdktf.out folder or a git ref`);
    return { label: refOrDir, stacks: readSynthesizedStacks(refOrDir) };
  }
  const top = run('git', ['rev-parse', '--show-toplevel'], options.checkout);
  const verified = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${refOrDir}^{commit}`], { cwd: top, encoding: 'utf8' });
  if (verified.status !== 0) throw new UsageError(`--diff ${refOrDir}: neither a folder nor a git commit`);
  const sha = verified.stdout.trim();
  const scratch = mkdtempSync(join(tmpdir(), 'mockforge-infra-diff-'));
  const worktree = join(scratch, 'checkout');
  try {
    run('git', ['worktree', 'add', '--detach', worktree, sha], top);
    linkDependencies(top, worktree);
    run(process.execPath, ['tools/build.mjs'], worktree);
    const outdir = join(scratch, 'cdktf.out');
    run(process.execPath, ['tools/synth.mjs', ...options.synthArgs, '--outdir', outdir], worktree);
    return { label: `${refOrDir} (${sha.slice(0, 12)})`, stacks: readSynthesizedStacks(outdir) };
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', worktree], { cwd: top });
    rmSync(scratch, { recursive: true, force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: top });
  }
}

/** Flags passed on to the baseline's synthesis, with a config path made absolute for the worktree. */
export function baselineSynthArgs(flags: { tier?: string[]; cloud?: string[]; config?: string }): string[] {
  return [
    ...(flags.tier ? ['--tier', flags.tier.join(',')] : []),
    ...(flags.cloud ? ['--cloud', flags.cloud.join(',')] : []),
    ...(flags.config ? ['--config', resolve(flags.config)] : []),
  ];
}
