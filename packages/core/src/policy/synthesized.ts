/** Read-only views of a synthesized stack, in the same snake_case shape the scanners read. */

export type Attributes = Readonly<Record<string, unknown>>;

export interface SynthesizedResource {
  readonly type: string;
  readonly name: string;
  /** Terraform address, e.g. `aws_db_instance.database_instance_1A2B3C`. */
  readonly address: string;
  /** Construct path, e.g. `production-aws-us-east-1/database/instance`. */
  readonly path: string;
  readonly attributes: Attributes;
}

interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Follows a dotted path; nested blocks may be an object or a one-element list. */
export function attr(attributes: Attributes, path: string): unknown {
  let current: unknown = attributes;
  for (const key of path.split('.')) {
    if (Array.isArray(current)) current = current[0];
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Every value at a dotted path, fanning out over lists of blocks. */
export function attrs(attributes: Attributes, path: string): unknown[] {
  let current: unknown[] = [attributes];
  for (const key of path.split('.')) {
    current = current
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object')
      .map((v) => v[key])
      .filter((v) => v !== undefined);
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

export class SynthesizedStack {
  readonly resources: readonly SynthesizedResource[];

  constructor(
    readonly name: string,
    json: StackJson,
  ) {
    const resources: SynthesizedResource[] = [];
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const meta = body['//'] as { metadata?: { path?: string } } | undefined;
        resources.push({ type, name, address: `${type}.${name}`, path: meta?.metadata?.path ?? `${this.name}/${name}`, attributes: body });
      }
    }
    this.resources = resources;
  }

  ofType(type: string): SynthesizedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** Resources of `type` whose attributes mention `target` (a `${type.name...}` reference). */
  referencing(type: string, target: SynthesizedResource): SynthesizedResource[] {
    const needle = `\${${target.address}.`;
    return this.ofType(type).filter((r) => JSON.stringify(r.attributes).includes(needle));
  }

  /** The resource a `${type.name.attr}` reference points at, if it is in this stack. */
  resolve(reference: unknown): SynthesizedResource | undefined {
    if (typeof reference !== 'string') return undefined;
    const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\./.exec(reference);
    return m ? this.resources.find((r) => r.type === m[1] && r.name === m[2]) : undefined;
  }
}
