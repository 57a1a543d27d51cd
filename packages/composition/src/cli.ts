import { CLOUD_NAMES, ConfigError, SuppressionError, TIER_NAMES, type CloudName, type TierName } from '@mockforge-infra/core';
import { parseFlags, UsageError, type FlagKind } from './args';
import { BudgetExceededError } from './cost/budget';
import { formatSummary } from './summary';
import { PolicyViolationError, synthesize, type SynthOptions } from './synthesize';

export const SYNTH_FLAGS: Readonly<Record<string, FlagKind>> = {
  '--tier': { kind: 'listOf', allowed: TIER_NAMES },
  '--cloud': { kind: 'listOf', allowed: CLOUD_NAMES },
  '--config': { kind: 'string', describe: 'a YAML file' },
  '--outdir': { kind: 'string', describe: 'an output folder' },
};

/** Parses `--tier dev,staging --cloud aws --config file.yaml --outdir dir`. */
export function parseSynthArgs(args: readonly string[]): SynthOptions {
  const flags = parseFlags(args, SYNTH_FLAGS);
  return {
    ...(flags.tier ? { tiers: flags.tier as TierName[] } : {}),
    ...(flags.cloud ? { clouds: flags.cloud as CloudName[] } : {}),
    ...(flags.config ? { configPath: flags.config as string } : {}),
    ...(flags.outdir ? { outdir: flags.outdir as string } : {}),
  };
}

/** Errors a user can fix; anything else is a bug and keeps its stack trace. */
export function isUserError(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof UsageError ||
    error instanceof PolicyViolationError ||
    error instanceof BudgetExceededError ||
    error instanceof SuppressionError
  );
}

/** Runs a synth from the command line; returns the process exit code. */
export function runSynthCli(
  args: readonly string[],
  log: (line: string) => void = console.log,
  fail: (line: string) => void = console.error,
): number {
  try {
    const result = synthesize(parseSynthArgs(args));
    log(formatSummary(result));
    return 0;
  } catch (error) {
    if (!isUserError(error)) throw error;
    fail(`error: ${error.message}`);
    fail('nothing was written; the previous output is unchanged');
    return error instanceof UsageError ? 2 : 1;
  }
}
