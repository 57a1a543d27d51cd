import { formatTable, IMPLEMENTED_CLOUDS, loadTarget, parseFlags } from '@mockforge-infra/composition';
import { CLOUD_NAMES, type CloudName, type PolicyRule } from '@mockforge-infra/core';
import type { Io } from '../io';

export const rulesHelp =
  'rules [--cloud c] [--json]      the policy pack: rule ids with their Checkov/Trivy aliases, severity and resource types';

interface RuleRow {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly severity: PolicyRule['severity'];
  readonly resourceTypes: readonly string[];
  readonly description: string;
  readonly clouds: readonly CloudName[];
}

/** Lists every rule the implemented targets check; CI reads `--json` to make Checkov fail on exactly these. */
export function rules(args: readonly string[], io: Io): number {
  const flags = parseFlags(args, {
    '--cloud': { kind: 'listOf', allowed: CLOUD_NAMES },
    '--json': { kind: 'boolean' },
  });
  const requested = (flags.cloud as CloudName[] | undefined) ?? IMPLEMENTED_CLOUDS;
  const rows = new Map<string, RuleRow>();
  for (const cloud of requested.filter((c) => IMPLEMENTED_CLOUDS.includes(c))) {
    const target = loadTarget(cloud);
    for (const rule of [...target.rules, ...(target.kubernetesRules?.() ?? [])]) {
      const seen = rows.get(rule.id);
      rows.set(rule.id, {
        id: rule.id,
        aliases: rule.aliases ?? [],
        severity: rule.severity,
        resourceTypes: rule.resourceTypes,
        description: rule.description,
        clouds: [...(seen?.clouds ?? []), cloud],
      });
    }
  }
  const sorted = [...rows.values()].sort((a, b) => a.id.localeCompare(b.id));
  if (flags.json) {
    io.out(JSON.stringify(sorted, null, 2));
    return 0;
  }
  io.out(
    formatTable(
      ['rule', 'aliases', 'severity', 'checks'],
      sorted.map((r) => [r.id, r.aliases.join(', '), r.severity, r.description]),
    ),
  );
  return 0;
}
