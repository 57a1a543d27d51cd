import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesize, type StackJson, type SynthOptions, type SynthResult } from '@mockforge-infra/composition';
import { step, type Io } from './io';

export type { StackJson };

export interface SynthesizedTiers {
  readonly result: SynthResult;
  readonly stacks: ReadonlyMap<string, StackJson>;
}

/** Synthesizes into a scratch folder (cdktf.out is never touched) and reads every stack back. */
export function synthesizeScratch(io: Io, options: Omit<SynthOptions, 'outdir'>): SynthesizedTiers {
  const scratch = mkdtempSync(join(tmpdir(), 'mockforge-infra-'));
  try {
    const outdir = join(scratch, 'cdktf.out');
    const result = step(io, 'synthesizing', () => synthesize({ ...options, outdir }));
    const stacks = new Map<string, StackJson>();
    for (const { stack } of result.stacks) {
      stacks.set(stack, JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as StackJson);
    }
    return { result, stacks };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
