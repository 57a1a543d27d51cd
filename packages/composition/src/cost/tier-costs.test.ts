import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIER_SIZING } from '@mockforge-infra/core';
import { synthesize } from '../synthesize';
import { IMPLEMENTED_CLOUDS } from '../targets';
import { estimateTargets, readSynthesizedStacks } from './targets';

/** Dev and staging stay within twice the guide's cost range on every cloud that runs the service itself. */
describe('dev and staging cost against the guide', () => {
  const outdir = join(mkdtempSync(join(tmpdir(), 'mf-tier-cost-')), 'cdktf.out');
  const clouds = IMPLEMENTED_CLOUDS.filter((cloud) => cloud !== 'kubernetes');
  synthesize({ outdir, tiers: ['dev', 'staging'], clouds });
  const targets = estimateTargets(readSynthesizedStacks(outdir), ['dev', 'staging'], clouds);

  const cases = (['dev', 'staging'] as const).flatMap((tier) => clouds.map((cloud) => [tier, cloud] as const));
  // AWS dev's floor is an internal ALB and CloudFront's web ACL (README, Cost): it is held where it is instead.
  const ceilings: Partial<Record<string, number>> = { 'dev-aws': 55 };
  it.each(cases)('%s on %s costs at most twice the top of the guide range, or its explained floor', (tier, cloud) => {
    const target = targets.find((t) => t.tier === tier && t.cloud === cloud);
    expect(target?.monthlyUsd).toBeLessThanOrEqual(ceilings[`${tier}-${cloud}`] ?? 2 * TIER_SIZING[tier].monthlyCostUsd.max!);
  });

  it('prices every size it meets', () => {
    expect(targets.flatMap((t) => t.unpriced)).toEqual([]);
  });
});
