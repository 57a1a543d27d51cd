import type { MockforgeConfig } from '@mockforge-infra/core';
import type { TargetCost } from './targets';

/** A tier whose estimate on some cloud is over `tiers.<tier>.budgetUsd`; synthesis stops on it. */
export class BudgetExceededError extends Error {
  constructor(readonly overruns: readonly string[]) {
    super(`budget check failed:\n${overruns.map((o) => `  - ${o}`).join('\n')}`);
    this.name = 'BudgetExceededError';
  }
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/** Lines named in the message: enough to see where the money goes. */
const LARGEST_LINES = 3;

/**
 * One message per tier and cloud over its budget. The budget holds for each cloud on its own:
 * every cloud runs a full copy of the tier, billed on its own account.
 */
export function budgetOverruns(config: MockforgeConfig, targets: readonly TargetCost[]): string[] {
  const overruns: string[] = [];
  for (const t of targets) {
    const budget = config.tiers[t.tier]?.budgetUsd;
    if (budget === undefined || t.monthlyUsd <= budget) continue;
    const largest = t.lines
      .slice(0, LARGEST_LINES)
      .map((l) => `${l.kind} ${usd(l.monthlyUsd)}`)
      .join(', ');
    const unpriced = t.unpriced.length > 0 ? `; not priced: ${t.unpriced.join(', ')}` : '';
    overruns.push(
      `tiers.${t.tier}.budgetUsd: the ${t.tier} tier is estimated at ${usd(t.monthlyUsd)}/month on ${t.cloud}, ` +
        `over its budget of ${usd(budget)} (per cloud); largest lines: ${largest}${unpriced}`,
    );
  }
  return overruns;
}
