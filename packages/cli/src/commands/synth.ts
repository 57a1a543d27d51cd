import { formatSummary, isUserError, parseSynthArgs, synthesize, UsageError } from '@mockforge-infra/composition';
import { step, type Io } from '../io';

export const synthHelp =
  'synth [--tier t] [--cloud c] [--config f] [--outdir d]\n                                 synthesize all or a subset into cdktf.out (same layout as npm run synth)';

export function synth(args: readonly string[], io: Io): number {
  const options = parseSynthArgs(args);
  try {
    const result = step(io, 'synthesizing', () => synthesize(options));
    io.out(formatSummary(result));
    return 0;
  } catch (error) {
    if (!isUserError(error) || error instanceof UsageError) throw error;
    io.err(`error: ${error.message}`);
    io.err('nothing was written; the previous output is unchanged');
    return 1;
  }
}
