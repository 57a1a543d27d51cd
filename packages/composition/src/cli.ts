import { CLOUD_NAMES, ConfigError, SuppressionError, TIER_NAMES, type CloudName, type TierName } from '@mockforge-infra/core';
import { formatSummary } from './summary';
import { PolicyViolationError, synthesize, type SynthOptions } from './synthesize';

export class UsageError extends Error {}

function listOption<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T[] {
  if (!value) throw new UsageError(`${flag} needs a value; allowed: ${allowed.join(' | ')}`);
  const items = value.split(',').map((v) => v.trim());
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new UsageError(`${flag}: got "${item}"; allowed: ${allowed.join(' | ')}`);
  }
  return items as T[];
}

/** Parses `--tier dev,staging --cloud aws --config file.yaml --outdir dir`. */
export function parseSynthArgs(args: readonly string[]): SynthOptions {
  const options: { tiers?: TierName[]; clouds?: CloudName[]; configPath?: string; outdir?: string } = {};
  for (let i = 0; i < args.length; i += 1) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--tier':
        options.tiers = listOption('--tier', value(), TIER_NAMES);
        break;
      case '--cloud':
        options.clouds = listOption('--cloud', value(), CLOUD_NAMES);
        break;
      case '--config':
        options.configPath = value();
        if (!options.configPath) throw new UsageError('--config needs a file path');
        break;
      case '--outdir':
        options.outdir = value();
        if (!options.outdir) throw new UsageError('--outdir needs a folder');
        break;
      default:
        throw new UsageError(`unknown option "${flag}"; allowed: --tier, --cloud, --config, --outdir`);
    }
  }
  return options;
}

/** Runs a synth from the command line; returns the process exit code. */
export function runSynthCli(args: readonly string[], log: (line: string) => void = console.log, fail: (line: string) => void = console.error): number {
  try {
    const result = synthesize(parseSynthArgs(args));
    log(formatSummary(result));
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError || error instanceof PolicyViolationError || error instanceof SuppressionError) {
      fail(`error: ${error.message}`);
      fail('nothing was written; the previous output is unchanged');
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}
