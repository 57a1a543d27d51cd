import type { ConfigIssue } from './errors';

/**
 * A small declarative schema: enough to reject unknown keys, wrong types and bad values
 * with the field path, the value and what is allowed.
 */
export type Schema =
  | {
      readonly kind: 'string';
      readonly allowed?: readonly string[];
      readonly pattern?: RegExp;
      /** A check a pattern cannot express, e.g. a CIDR's octet ranges and host bits. */
      readonly accepts?: (value: string) => boolean;
      readonly describe?: string;
    }
  | { readonly kind: 'number'; readonly min?: number; readonly max?: number; readonly integer?: boolean }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'array'; readonly items: Schema; readonly minItems?: number; readonly unique?: boolean }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, Field>> }
  | { readonly kind: 'map'; readonly keys: Schema; readonly values: Schema }
  | { readonly kind: 'union'; readonly discriminator: string; readonly variants: Readonly<Record<string, Schema & { kind: 'object' }>> };

export interface Field {
  readonly schema: Schema;
  readonly required?: boolean;
}

export const str = (opts: Omit<Extract<Schema, { kind: 'string' }>, 'kind'> = {}): Schema => ({ kind: 'string', ...opts });
export const oneOf = (allowed: readonly string[]): Schema => ({ kind: 'string', allowed });
export const num = (opts: Omit<Extract<Schema, { kind: 'number' }>, 'kind'> = {}): Schema => ({ kind: 'number', ...opts });
export const bool = (): Schema => ({ kind: 'boolean' });
export const list = (items: Schema, opts: { minItems?: number; unique?: boolean } = {}): Schema => ({ kind: 'array', items, ...opts });
export const obj = (fields: Record<string, Field | Schema>): Schema & { kind: 'object' } => ({
  kind: 'object',
  fields: Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, 'kind' in f ? { schema: f } : f])),
});
export const required = (schema: Schema): Field => ({ schema, required: true });
export const map = (keys: Schema, values: Schema): Schema => ({ kind: 'map', keys, values });

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value of `schema` may hold, in words: `one or more of aws, gcp, kubernetes`. */
export function describeSchema(schema: Schema): string {
  switch (schema.kind) {
    case 'string':
      if (schema.allowed) return `one of ${schema.allowed.join(' | ')}`;
      return schema.describe ?? 'a string';
    case 'number':
      return schema.integer ? 'a whole number' : 'a number';
    case 'boolean':
      return 'true or false';
    case 'array': {
      const items = schema.items;
      if (items.kind === 'string' && items.allowed) {
        return `${schema.minItems ? 'one or more' : 'a list'} of ${items.allowed.join(', ')}`;
      }
      return `a list of ${describeSchema(items)}`;
    }
    case 'object':
      return `a mapping with keys ${Object.keys(schema.fields).join(', ')}`;
    case 'map':
      return schema.keys.kind === 'string' && schema.keys.allowed ? `a mapping keyed by ${schema.keys.allowed.join(' | ')}` : 'a mapping';
    case 'union':
      return `a mapping with \`${schema.discriminator}\`: ${Object.keys(schema.variants).join(' | ')}`;
  }
}

/** Checks `value` against `schema`, appending every problem found to `issues`. */
export function check(schema: Schema, value: unknown, path: string, issues: ConfigIssue[]): void {
  const push = (expected: string, at = path, v: unknown = value): void => {
    issues.push({ path: at, value: v, expected });
  };
  switch (schema.kind) {
    case 'string': {
      if (typeof value !== 'string') return push(`expected ${schema.describe ?? 'a string'}, not ${typeName(value)}`);
      if (schema.allowed && !schema.allowed.includes(value)) return push(`allowed: ${schema.allowed.join(' | ')}`);
      if ((schema.pattern && !schema.pattern.test(value)) || (schema.accepts && !schema.accepts(value)))
        return push(`expected ${schema.describe ?? `a string matching ${schema.pattern}`}`);
      return;
    }
    case 'number': {
      if (typeof value !== 'number' || Number.isNaN(value)) return push(`expected a number, not ${typeName(value)}`);
      if (schema.integer && !Number.isInteger(value)) return push('expected a whole number');
      if (schema.min !== undefined && value < schema.min) return push(`expected at least ${schema.min}`);
      if (schema.max !== undefined && value > schema.max) return push(`expected at most ${schema.max}`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') push(`expected true or false, not ${typeName(value)}`);
      return;
    case 'array': {
      if (!Array.isArray(value)) return push(`expected a list, not ${typeName(value)}`);
      if (schema.minItems !== undefined && value.length < schema.minItems) push(`expected at least ${schema.minItems} item(s)`);
      value.forEach((item, i) => {
        check(schema.items, item, join(path, i), issues);
        if (schema.unique && value.indexOf(item) !== i) push('duplicates are not allowed', join(path, i), item);
      });
      return;
    }
    case 'object': {
      if (!isPlainObject(value))
        return push(`expected a mapping with keys ${Object.keys(schema.fields).join(', ')}, not ${typeName(value)}`);
      const known = Object.keys(schema.fields);
      for (const key of Object.keys(value)) {
        if (!known.includes(key)) push(`unknown key; allowed keys: ${known.join(', ')}`, join(path, key), key);
      }
      for (const [key, field] of Object.entries(schema.fields)) {
        if (value[key] === undefined) {
          if (field.required)
            issues.push({ path: join(path, key), value: undefined, missing: true, expected: `required; ${describeSchema(field.schema)}` });
        } else {
          check(field.schema, value[key], join(path, key), issues);
        }
      }
      return;
    }
    case 'map': {
      if (!isPlainObject(value)) return push(`expected a mapping, not ${typeName(value)}`);
      for (const [key, v] of Object.entries(value)) {
        const before = issues.length;
        check(schema.keys, key, join(path, key), issues);
        if (issues.length === before) check(schema.values, v, join(path, key), issues);
      }
      return;
    }
    case 'union': {
      if (!isPlainObject(value)) return push(`expected a mapping with \`${schema.discriminator}\`, not ${typeName(value)}`);
      const tag = value[schema.discriminator];
      const variant = typeof tag === 'string' ? schema.variants[tag] : undefined;
      if (!variant) {
        return push(`allowed: ${Object.keys(schema.variants).join(' | ')}`, join(path, schema.discriminator), tag);
      }
      const withTag = obj({ ...variant.fields, [schema.discriminator]: required(str()) });
      check(withTag, value, path, issues);
      return;
    }
  }
}
