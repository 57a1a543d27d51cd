import {
  AZURE_PRICE_TABLE,
  DIGITALOCEAN_PRICE_TABLE,
  estimateTargets,
  formatTable,
  parseFlags,
  PRICE_TABLE,
  type TargetCost,
} from '@mockforge-infra/composition';
import { CLOUD_NAMES, TIER_NAMES, TIER_SIZING, tierProfile, type CloudName, type TierName } from '@mockforge-infra/core';
import { baselineSynthArgs, diffTargets, formatDiffMarkdown, loadBaseline } from '../cost/diff';
import { step, type Io } from '../io';
import { synthesizeScratch } from '../synthesized-tiers';

export const costHelp =
  'cost [--tier t] [--cloud c] [--config f] [--diff git-ref|dir] [--json]\n                                 estimated monthly cost per tier and target, a line per resource kind;\n                                 --diff: the change from a git ref or an earlier cdktf.out, line by line';

const usd = (n: number) => `$${n.toFixed(2)}`;

/** A tier on a cloud, with the hosting guide's estimate for the tier's size (compute only, one region). */
interface GuidedCost extends TargetCost {
  readonly guideUsd: { readonly min: number; readonly max?: number };
}

export function cost(args: readonly string[], io: Io): number {
  const flags = parseFlags(args, {
    '--tier': { kind: 'listOf', allowed: TIER_NAMES },
    '--cloud': { kind: 'listOf', allowed: CLOUD_NAMES },
    '--config': { kind: 'string', describe: 'a YAML file' },
    '--diff': { kind: 'string', describe: 'a git ref or a synthesis output folder' },
    '--json': { kind: 'boolean' },
  });
  // The baseline first, so a bad ref fails before the longer synthesis.
  const baseline = flags.diff
    ? step(io, `reading the baseline ${String(flags.diff)}`, () =>
        loadBaseline(flags.diff as string, {
          checkout: process.cwd(),
          synthArgs: baselineSynthArgs({
            tier: flags.tier as string[] | undefined,
            cloud: flags.cloud as string[] | undefined,
            config: flags.config as string | undefined,
          }),
        }),
      )
    : undefined;
  const { result, stacks } = synthesizeScratch(io, {
    tiers: flags.tier as TierName[] | undefined,
    clouds: flags.cloud as CloudName[] | undefined,
    configPath: flags.config as string | undefined,
  });
  const targets: GuidedCost[] = estimateTargets(stacks, result.tiers, result.config.clouds).map((t) => ({
    ...t,
    guideUsd: TIER_SIZING[tierProfile(t.tier, result.config.tiers[t.tier]!).size].monthlyCostUsd,
  }));
  if (baseline) {
    const before = estimateTargets(baseline.stacks, (flags.tier as TierName[]) ?? TIER_NAMES, (flags.cloud as CloudName[]) ?? CLOUD_NAMES);
    const diffs = diffTargets(before, targets);
    if (flags.json) io.out(JSON.stringify({ base: baseline.label, prices: PRICE_TABLE, targets: diffs }, null, 2));
    else io.out(formatDiffMarkdown(diffs, baseline.label));
    return 0;
  }
  if (flags.json) {
    // Cents, and `max: null` for an open-ended guide range, so the keys never change.
    const cents = (n: number) => Math.round(n * 100) / 100;
    const json = targets.map((t) => ({
      tier: t.tier,
      cloud: t.cloud,
      stacks: t.stacks,
      lines: t.lines.map((l) => ({ ...l, monthlyUsd: cents(l.monthlyUsd) })),
      monthlyUsd: cents(t.monthlyUsd),
      guideUsd: { min: t.guideUsd.min, max: t.guideUsd.max ?? null },
      unpriced: t.unpriced,
      usageBased: t.usageBased,
    }));
    io.out(
      JSON.stringify(
        { prices: PRICE_TABLE, digitaloceanPrices: DIGITALOCEAN_PRICE_TABLE, azurePrices: AZURE_PRICE_TABLE, targets: json },
        null,
        2,
      ),
    );
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
    if (t.cloud === 'azure') io.out(`prices: ${AZURE_PRICE_TABLE.source} (${AZURE_PRICE_TABLE.date})`);
    if (t.usageBased.length > 0) io.out(`usage-based or free, not priced: ${t.usageBased.join(', ')}`);
    if (t.unpriced.length > 0) io.out(`not in the price table (priced at $0): ${t.unpriced.join(', ')}`);
    io.out('');
  }
  return 0;
}
