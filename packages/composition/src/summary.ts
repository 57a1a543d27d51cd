import { formatTable } from './table';
import type { SynthResult } from './synthesize';

/** The table `npm run synth` ends with: stack, resources, backend, findings and suppressions. */
export function formatSummary(result: SynthResult): string {
  const rows = result.stacks.map((s) => {
    const open = s.findings.filter((f) => !f.suppressedBecause);
    return [
      s.stack,
      String(s.resources),
      s.backend,
      `${open.filter((f) => f.severity === 'error').length} errors, ${open.filter((f) => f.severity === 'warning').length} warnings`,
      String(s.findings.length - open.length),
    ];
  });
  const out = [
    `config: ${result.configSource}`,
    `output: ${result.outdir}`,
    '',
    formatTable(['stack', 'resources', 'backend', 'findings', 'suppressed'], rows),
  ];
  // The same suppression usually repeats across stacks; list it once with where it applies.
  const suppressions = new Map<string, string[]>();
  for (const s of result.stacks) {
    for (const f of s.findings.filter((x) => x.suppressedBecause)) {
      const key = `${f.ruleId}: ${f.suppressedBecause}`;
      suppressions.set(key, [...(suppressions.get(key) ?? []), `${f.stack}/${f.address.split('.')[0]}`]);
    }
  }
  if (suppressions.size > 0) {
    out.push('', 'suppressions (rule: reason; where):');
    for (const [key, where] of suppressions) out.push(`  ${key}`, `      ${[...new Set(where)].join(', ')}`);
  }
  const warnings = result.stacks.flatMap((s) => s.findings.filter((f) => !f.suppressedBecause && f.severity === 'warning'));
  if (warnings.length > 0) {
    out.push('', 'warnings:');
    for (const f of warnings) out.push(`  ${f.stack}  ${f.ruleId}  ${f.address}: ${f.message}`);
  }
  const totalResources = result.stacks.reduce((n, s) => n + s.resources, 0);
  out.push('', `${result.stacks.length} stacks, ${totalResources} resources`);
  return out.join('\n');
}
