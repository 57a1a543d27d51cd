import { join, relative } from 'node:path';
import { STACK_DIR, type Finding } from '@mockforge-infra/core';
import { formatTable } from './table';
import type { SynthResult } from './synthesize';

/** Open errors, open warnings and suppressed findings of one stack. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number; suppressed: number } {
  const open = findings.filter((f) => !f.suppressedBecause);
  return {
    errors: open.filter((f) => f.severity === 'error').length,
    warnings: open.filter((f) => f.severity === 'warning').length,
    suppressed: findings.length - open.length,
  };
}

/** The table `npm run synth` ends with: stack, resources, backend, findings and suppressions. */
export function formatSummary(result: SynthResult): string {
  const rows = result.stacks.map((s) => {
    const counts = countFindings(s.findings);
    return [s.stack, String(s.resources), s.backend, `${counts.errors} errors, ${counts.warnings} warnings`, String(counts.suppressed)];
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
  const steps = result.stacks.flatMap((s) => s.manualSteps.map((step) => ({ stack: s.stack, ...step })));
  if (steps.length > 0) {
    out.push('', 'steps by hand (Terraform cannot take these):');
    for (const step of steps) {
      const absolute = join(result.outdir, 'stacks', step.stack);
      const folder = relative(process.cwd(), absolute).startsWith('..') ? absolute : relative(process.cwd(), absolute);
      out.push(`  ${step.stack}, ${step.when}: ${step.why}`, `      ${step.command.replaceAll(STACK_DIR, folder)}`);
    }
  }
  if (result.removedStacks.length > 0) {
    out.push('', `no longer in the output (this synthesis does not include them): ${result.removedStacks.join(', ')}`);
  }
  const totalResources = result.stacks.reduce((n, s) => n + s.resources, 0);
  out.push('', `${result.stacks.length} stacks, ${totalResources} resources`);
  return out.join('\n');
}
