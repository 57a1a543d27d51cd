import {
  attr,
  attrs,
  expectAttribute,
  type PolicyRule,
  type Severity,
  type SynthesizedResource,
  type SynthesizedStack,
} from '@mockforge-infra/core';

/** Terraform booleans arrive as booleans or as strings ("true"). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

export function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}

export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

export interface RuleMeta {
  readonly id: string;
  readonly aliases?: readonly string[];
  readonly severity: Severity;
  readonly description: string;
  readonly resourceTypes: readonly string[];
}

/** A rule that one attribute path must satisfy `ok`. */
export function attributeRule(meta: RuleMeta, path: string, ok: (value: unknown) => boolean, expected: string): PolicyRule {
  return expectAttribute(meta, (r) => attr(r.attributes, path), ok, expected);
}

/** A rule with a custom check returning the failure or undefined. */
export function customRule(
  meta: RuleMeta,
  check: (resource: SynthesizedResource, stack: SynthesizedStack) => string | undefined,
): PolicyRule {
  return { ...meta, check };
}

export { attr, attrs };
