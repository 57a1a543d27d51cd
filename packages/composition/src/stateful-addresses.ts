import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addressesOf, type TierName } from '@mockforge-infra/core';
import { synthesize } from './synthesize';
import { loadTarget } from './targets';

/**
 * The Terraform addresses of every stateful resource in a tier, per stack, as synthesized from
 * the given config (default: the built-in one). App tests compare them with reviewed lists.
 */
export function statefulAddresses(tier: TierName, configPath?: string): Record<string, string[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'mockforge-addresses-'));
  try {
    const outdir = join(scratch, 'cdktf.out');
    const result = synthesize({ tiers: [tier], configPath, outdir });
    const byStack: Record<string, string[]> = {};
    for (const { stack } of result.stacks) {
      const cloud = result.config.clouds.find((c) => stack.startsWith(`${tier}-${c}-`))!;
      const json = readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
      const addresses = addressesOf(json, loadTarget(cloud).statefulResourceTypes);
      if (addresses.length > 0) byStack[stack] = addresses;
    }
    return byStack;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
