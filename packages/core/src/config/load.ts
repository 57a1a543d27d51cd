import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { defaultConfig } from './defaults';
import { CONFIG_SCHEMA } from './config-schema';
import { ConfigError, type ConfigIssue } from './errors';
import type { MockforgeConfig } from './model';
import type { CloudName } from './regions';
import { validateConfig } from './validate';

export const CONFIG_ENV_VAR = 'MOCKFORGE_INFRA_CONFIG';

export interface LoadOptions {
  /** A YAML file; overrides the environment variable. */
  readonly path?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Clouds with a target implementation. */
  readonly implementedClouds: readonly CloudName[];
}

export interface LoadedConfig {
  readonly config: MockforgeConfig;
  /** The file it came from, or `built-in default`. */
  readonly source: string;
}

/**
 * A configuration file is small and plain: duplicate keys are errors, and aliases may expand only
 * a few nodes, so a hostile file (an alias bomb) costs neither time nor memory.
 */
const YAML_PARSE_OPTIONS = { uniqueKeys: true, strict: true } as const;
const YAML_MAX_ALIAS_COUNT = 50;

function pathSegments(path: string): (string | number)[] {
  return path
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Parses and validates YAML text; throws ConfigError listing every problem with its line. */
export function parseConfig(text: string, source: string, implementedClouds: readonly CloudName[]): MockforgeConfig {
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  let document: unknown;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: true, ...YAML_PARSE_OPTIONS });
    document = doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  } catch (error) {
    // The parser refuses a document it will not expand (an alias bomb) by throwing: still a config error.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      [{ path: '', value: 'unreadable YAML', expected: `${reason} (at most ${YAML_MAX_ALIAS_COUNT} alias expansions)` }],
      source,
    );
  }
  if (doc.errors.length > 0) {
    const issues = doc.errors.map<ConfigIssue>((e) => ({
      path: '',
      value: text.length > 0 ? 'malformed YAML' : '',
      expected: e.message.split('\n')[0]!.replace(/:$/, ''),
      line: e.linePos?.[0]?.line,
    }));
    throw new ConfigError(issues, source);
  }
  if (document === null || document === undefined) {
    const required =
      CONFIG_SCHEMA.kind === 'object' ? Object.keys(CONFIG_SCHEMA.fields).filter((k) => CONFIG_SCHEMA.fields[k]!.required) : [];
    throw new ConfigError([{ path: '', value: '', expected: `the file is empty; required keys: ${required.join(', ')}` }], source);
  }
  const issues = validateConfig(document, { implementedClouds });
  if (issues.length > 0) {
    for (const issue of issues) {
      const segments = pathSegments(issue.path);
      // Point at the nearest node that exists: a missing key is reported on its parent.
      for (let n = segments.length; n >= 0 && issue.line === undefined; n -= 1) {
        const node = doc.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node?.range) issue.line = lineCounter.linePos(node.range[0]).line;
      }
    }
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new ConfigError(issues, source);
  }
  return document as MockforgeConfig;
}

/**
 * Loads the configuration from `options.path`, else from MOCKFORGE_INFRA_CONFIG, else the
 * built-in default.
 */
export function loadConfig(options: LoadOptions): LoadedConfig {
  const env = options.env ?? process.env;
  const path = options.path ?? env[CONFIG_ENV_VAR];
  if (!path) {
    const config = defaultConfig(options.implementedClouds);
    const issues = validateConfig(config, { implementedClouds: options.implementedClouds });
    if (issues.length > 0) throw new ConfigError(issues, 'built-in default');
    return { config, source: 'built-in default' };
  }
  const file = resolve(path);
  if (!existsSync(file) || !statSync(file).isFile()) {
    const problem = existsSync(file) ? 'not a file' : 'no such file';
    throw new ConfigError([{ path: '', value: file, expected: `${problem}; point --config or ${CONFIG_ENV_VAR} at a YAML file` }], file);
  }
  return { config: parseConfig(readFileSync(file, 'utf8'), file, options.implementedClouds), source: file };
}
