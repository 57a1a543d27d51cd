import type { SynthesizedResource, SynthesizedStack } from './synthesized';

/** `error` fails synthesis; `warning` is reported in the summary. */
export type Severity = 'error' | 'warning';

export interface PolicyRule {
  /** The Checkov id where one exists (CKV_AWS_16), otherwise a MockForge id (MF_K8S_1). */
  readonly id: string;
  /** Other scanners' ids for the same check (AWS-0080). */
  readonly aliases?: readonly string[];
  readonly severity: Severity;
  readonly description: string;
  readonly resourceTypes: readonly string[];
  /** Returns why the resource fails, or undefined when it passes. */
  readonly check: (resource: SynthesizedResource, stack: SynthesizedStack) => string | undefined;
}

export interface Finding {
  readonly stack: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly address: string;
  readonly path: string;
  readonly message: string;
  /** Present when a suppression covers the finding. */
  readonly suppressedBecause?: string;
}

export function ruleIds(rule: PolicyRule): readonly string[] {
  return [rule.id, ...(rule.aliases ?? [])];
}

/** Builds a rule that expects one attribute to satisfy a predicate. */
export function expectAttribute(
  base: Omit<PolicyRule, 'check'>,
  read: (resource: SynthesizedResource, stack: SynthesizedStack) => unknown,
  ok: (value: unknown) => boolean,
  expected: string,
): PolicyRule {
  return {
    ...base,
    check: (resource, stack) => {
      const value = read(resource, stack);
      return ok(value) ? undefined : `${expected} (found ${value === undefined ? 'nothing' : JSON.stringify(value)})`;
    },
  };
}
