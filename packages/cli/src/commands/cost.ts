import {
  DIGITALOCEAN_PRICE_TABLE,
  estimateCost,
  formatTable,
  inheritedSizes,
  parseFlags,
  PRICE_TABLE,
  type CostLine,
} from '@mockforge-infra/composition';
import { CLOUD_NAMES, TIER_NAMES, TIER_SIZING, tierProfile, type CloudName, type TierName } from '@mockforge-infra/core';
import type { Io } from '../io';
import { synthesizeScratch } from '../synthesized-tiers';

export const costHelp =
  'cost [--tier t] [--cloud c] [--config f] [--json]\n                                 estimated monthly cost per tier and target, a line per resource kind';

const usd = (n: number) => `$${n.toFixed(2)}`;

interface TargetCost {
  readonly tier: TierName;
  readonly cloud: CloudName;
  readonly stacks: readonly string[];
  readonly lines: readonly CostLine[];
  readonly monthlyUsd: number;
  /** The hosting guide's estimate for the tier's size (compute only, one region). */
  readonly guideUsd: { readonly min: number; readonly max?: number };
  readonly unpriced: readonly string[];
  /** Resource types present that are billed only by usage (or free). */
  readonly usageBased: readonly string[];
}

function mergeLines(lines: readonly CostLine[]): CostLine[] {
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

export function cost(args: readonly string[], io: Io): number {
  const flags = parseFlags(args, {
    '--tier': { kind: 'listOf', allowed: TIER_NAMES },
    '--cloud': { kind: 'listOf', allowed: CLOUD_NAMES },
    '--config': { kind: 'string', describe: 'a YAML file' },
    '--json': { kind: 'boolean' },
  });
  const { result, stacks } = synthesizeScratch(io, {
    tiers: flags.tier as TierName[] | undefined,
    clouds: flags.cloud as CloudName[] | undefined,
    configPath: flags.config as string | undefined,
  });
  const targets: TargetCost[] = [];
  for (const tier of result.tiers) {
    const tierConfig = result.config.tiers[tier]!;
    for (const cloud of result.config.clouds) {
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
        guideUsd: TIER_SIZING[tierProfile(tier, tierConfig).size].monthlyCostUsd,
        unpriced: [...new Set(estimates.flatMap((e) => e.unpriced))],
        usageBased: [...new Set(estimates.flatMap((e) => e.usageBased))].sort(),
      });
    }
  }
  if (flags.json) {
    // Cents, and `max: null` for an open-ended guide range, so the keys never change.
    const cents = (n: number) => Math.round(n * 100) / 100;
    const json = targets.map((t) => ({
      ...t,
      lines: t.lines.map((l) => ({ ...l, monthlyUsd: cents(l.monthlyUsd) })),
      monthlyUsd: cents(t.monthlyUsd),
      guideUsd: { min: t.guideUsd.min, max: t.guideUsd.max ?? null },
    }));
    io.out(JSON.stringify({ prices: PRICE_TABLE, digitaloceanPrices: DIGITALOCEAN_PRICE_TABLE, targets: json }, null, 2));
    return 0;
  }
  io.out(`prices: ${PRICE_TABLE.source} (${PRICE_TABLE.date}, ${PRICE_TABLE.currency})\n`);
  for (const t of targets) {
    const guide = t.guideUsd.max ? `${usd(t.guideUsd.min)}-${usd(t.guideUsd.max)}` : `${usd(t.guideUsd.min)}+`;
    io.out(`${t.tier} on ${t.cloud} (${t.stacks.length} stacks): ${usd(t.monthlyUsd)}/month; the guide estimates ${guide}`);
    io.out(
      formatTable(
        ['resource', 'quantity', 'detail', 'monthly'],
        t.lines.map((l) => [l.kind, String(l.quantity), l.unit, usd(l.monthlyUsd)]),
      ),
    );
    if (t.cloud === 'kubernetes') io.out('(workload capacity runs on your cluster and is not priced here)');
    if (t.cloud === 'digitalocean') io.out(`prices: ${DIGITALOCEAN_PRICE_TABLE.source} (${DIGITALOCEAN_PRICE_TABLE.date})`);
    if (t.usageBased.length > 0) io.out(`usage-based or free, not priced: ${t.usageBased.join(', ')}`);
    if (t.unpriced.length > 0) io.out(`not in the price table (priced at $0): ${t.unpriced.join(', ')}`);
    io.out('');
  }
  return 0;
}
