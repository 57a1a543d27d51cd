import { attr, attrs, type Attributes, type PolicyRule } from '@mockforge-infra/core';

export const WORLD = ['0.0.0.0/0', '::/0'];

/** A rule that fails unless `path` equals `expected`. */
export function equals(base: Omit<PolicyRule, 'check'>, path: string, expected: unknown): PolicyRule {
  return {
    ...base,
    check: (resource) => {
      const value = attr(resource.attributes, path);
      return value === expected
        ? undefined
        : `expected ${path} = ${JSON.stringify(expected)} (found ${value === undefined ? 'nothing' : JSON.stringify(value)})`;
    },
  };
}

/** A rule that fails when `path` equals `forbidden` (absent passes, as the scanners do). */
export function notEquals(base: Omit<PolicyRule, 'check'>, path: string, forbidden: unknown): PolicyRule {
  return {
    ...base,
    check: (resource) => (attr(resource.attributes, path) === forbidden ? `${path} must not be ${JSON.stringify(forbidden)}` : undefined),
  };
}

/** The value of a Cloud SQL database flag, if set. */
export function databaseFlag(attributes: Attributes, name: string): unknown {
  const flags = attrs(attributes, 'settings.database_flags') as { name?: string; value?: unknown }[];
  return flags.find((f) => f.name === name)?.value;
}

/** Cloud SQL read replicas carry no backups of their own; the primary's cover them. */
export function isReplica(attributes: Attributes): boolean {
  return attr(attributes, 'master_instance_name') !== undefined;
}
