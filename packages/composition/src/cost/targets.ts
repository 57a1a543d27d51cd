import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudName, TierName } from '@mockforge-infra/core';
import { estimateCost, inheritedSizes, type CostLine, type StackJson } from './estimate';

/** One tier on one cloud: every stack of it, priced together. */
export interface TargetCost {
  readonly tier: TierName;
  readonly cloud: CloudName;
  readonly stacks: readonly string[];
  /** One line per kind of resource, largest first. */
  readonly lines: readonly CostLine[];
  readonly monthlyUsd: number;
  /** Sizes the price table does not know; shown as unpriced lines, never as a silent 0. */
  readonly unpriced: readonly string[];
  /** Resource types present that are billed only by usage (or free). */
  readonly usageBased: readonly string[];
}

/** Lines of the same kind from several stacks, as one line. */
export function mergeLines(lines: readonly CostLine[]): CostLine[] {
  const merged = new Map<string, CostLine>();
  for (const line of lines) {
    const prev = merged.get(line.kind);
    const units = [...new Set([...(prev?.unit.split('; ') ?? []), ...line.unit.split('; ')])].join('; ');
    merged.set(
      line.kind,
      prev ? { ...prev, quantity: prev.quantity + line.quantity, monthlyUsd: prev.monthlyUsd + line.monthlyUsd, unit: units } : line,
    );
  }
  return [...merged.values()].sort((a, b) => b.monthlyUsd - a.monthlyUsd);
}

/** The estimate of each tier on each cloud, in the order given; targets without stacks are left out. */
export function estimateTargets(
  stacks: ReadonlyMap<string, StackJson>,
  tiers: readonly TierName[],
  clouds: readonly CloudName[],
): TargetCost[] {
  const targets: TargetCost[] = [];
  for (const tier of tiers) {
    for (const cloud of clouds) {
      const names = [...stacks.keys()].filter((n) => n.startsWith(`${tier}-${cloud}-`));
      if (names.length === 0) continue;
      const inherited = inheritedSizes(names.map((n) => stacks.get(n)!));
      const estimates = names.map((n) => estimateCost(n, stacks.get(n)!, inherited));
      const lines = mergeLines(estimates.flatMap((e) => e.lines));
      targets.push({
        tier,
        cloud,
        stacks: names,
        lines,
        monthlyUsd: lines.reduce((sum, l) => sum + l.monthlyUsd, 0),
        unpriced: [...new Set(estimates.flatMap((e) => e.unpriced))],
        usageBased: [...new Set(estimates.flatMap((e) => e.usageBased))].sort(),
      });
    }
  }
  return targets;
}

/** Every stack of a synthesis output folder (cdktf.out), by the names its manifest lists. */
export function readSynthesizedStacks(outdir: string): Map<string, StackJson> {
  const manifestPath = join(outdir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${outdir} is not a synthesis output (no manifest.json)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { stacks?: Record<string, { synthesizedStackPath: string }> };
  const stacks = new Map<string, StackJson>();
  for (const [name, entry] of Object.entries(manifest.stacks ?? {})) {
    stacks.set(name, JSON.parse(readFileSync(join(outdir, entry.synthesizedStackPath), 'utf8')) as StackJson);
  }
  return stacks;
}
