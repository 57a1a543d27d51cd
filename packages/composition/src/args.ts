/** Command-line flags shared by the synth entry points and the mockforge-infra CLI. */
export class UsageError extends Error {}

export type FlagKind =
  | { readonly kind: 'string'; readonly describe: string }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'oneOf'; readonly allowed: readonly string[] }
  | { readonly kind: 'listOf'; readonly allowed: readonly string[] };

export type FlagValues = Record<string, string | boolean | string[]>;

function allowedValues(flag: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) throw new UsageError(`${flag}: got "${value}"; allowed: ${allowed.join(' | ')}`);
}

/**
 * Parses `--flag value`, `--flag=value` and boolean `--flag`; rejects anything not in `spec`.
 * List flags may repeat (`--tier dev --tier staging`) and lose duplicates; other flags may not.
 */
export function parseFlags(args: readonly string[], spec: Readonly<Record<string, FlagKind>>): FlagValues {
  const values: FlagValues = {};
  for (let i = 0; i < args.length; i += 1) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = spec[flag];
    if (!kind) throw new UsageError(`unknown option "${flag}"; allowed: ${Object.keys(spec).join(', ')}`);
    const name = flag.replace(/^--/, '');
    if (kind.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value; leave it out to turn it off`);
      values[name] = true;
      continue;
    }
    if (kind.kind !== 'listOf' && values[name] !== undefined) throw new UsageError(`${flag} is given twice`);
    const value = inline ?? args[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      const expected = kind.kind === 'string' ? kind.describe : `one of ${kind.allowed.join(' | ')}`;
      throw new UsageError(`${flag} needs a value: ${expected}`);
    }
    if (kind.kind === 'oneOf') allowedValues(flag, value, kind.allowed);
    if (kind.kind === 'listOf') {
      const items = value.split(',').map((v) => v.trim());
      items.forEach((item) => allowedValues(flag, item, kind.allowed));
      values[name] = [...new Set([...((values[name] as string[] | undefined) ?? []), ...items])];
    } else {
      values[name] = value;
    }
  }
  return values;
}
