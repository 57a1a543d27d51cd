import { IMPLEMENTED_CLOUDS, parseFlags } from '@mockforge-infra/composition';
import { loadConfig, TIER_NAMES } from '@mockforge-infra/core';
import type { Io } from '../io';

export const validateHelp = 'validate [--config f]          check the configuration only; same field-level errors as synth';

export function validate(args: readonly string[], io: Io): number {
  const flags = parseFlags(args, { '--config': { kind: 'string', describe: 'a YAML file' } });
  const { config, source } = loadConfig({ path: flags.config as string | undefined, implementedClouds: IMPLEMENTED_CLOUDS });
  io.out(`valid: ${source}`);
  for (const tier of TIER_NAMES) {
    const t = config.tiers[tier];
    if (!t) continue;
    const regions = config.clouds.map((c) => `${c} ${(t.regions[c] ?? []).join(', ')}`).join('; ');
    io.out(`  ${tier}: ${t.topology ?? 'stateless'}${t.size ? ` (${t.size})` : ''}; ${regions}`);
  }
  io.out('(the configuration only; synth and list also run the policy checks on the resources)');
  return 0;
}
