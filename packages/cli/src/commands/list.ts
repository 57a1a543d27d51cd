import { CLOUD_NAMES, TIER_NAMES, type CloudName, type TierName } from '@mockforge-infra/core';
import { countFindings, formatTable, parseFlags } from '@mockforge-infra/composition';
import type { Io } from '../io';
import { synthesizeScratch } from '../synthesized-tiers';

export const listHelp =
  'list [--tier t] [--cloud c] [--config f] [--json]\n                                 stacks with resource counts, backends and policy findings';

export function list(args: readonly string[], io: Io): number {
  const flags = parseFlags(args, {
    '--tier': { kind: 'listOf', allowed: TIER_NAMES },
    '--cloud': { kind: 'listOf', allowed: CLOUD_NAMES },
    '--config': { kind: 'string', describe: 'a YAML file' },
    '--json': { kind: 'boolean' },
  });
  const { result } = synthesizeScratch(io, {
    tiers: flags.tier as TierName[] | undefined,
    clouds: flags.cloud as CloudName[] | undefined,
    configPath: flags.config as string | undefined,
    // List reports blocking findings per stack instead of stopping at the first.
    failOnPolicy: false,
  });
  const rows = result.stacks.map((s) => ({ stack: s.stack, resources: s.resources, backend: s.backend, ...countFindings(s.findings) }));
  if (flags.json) {
    io.out(JSON.stringify(rows, null, 2));
  } else {
    io.out(
      formatTable(
        ['stack', 'resources', 'backend', 'errors', 'warnings', 'suppressed'],
        rows.map((r) => Object.values(r).map(String)),
      ),
    );
  }
  return 0;
}
