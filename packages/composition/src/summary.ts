import type { SynthResult } from './synthesize';

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

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
    table(['stack', 'resources', 'backend', 'findings', 'suppressed'], rows),
  ];
  const suppressed = result.stacks.flatMap((s) => s.findings.filter((f) => f.suppressedBecause));
  if (suppressed.length > 0) {
    out.push('', 'suppressions:');
    for (const f of suppressed) out.push(`  ${f.stack}  ${f.ruleId}  ${f.address}: ${f.suppressedBecause}`);
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
