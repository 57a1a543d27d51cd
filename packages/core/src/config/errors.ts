/** One problem in the configuration: where, what was found, and what is allowed. */
export interface ConfigIssue {
  /** Dotted path, e.g. `tiers.production.size`. Empty for the document itself. */
  readonly path: string;
  readonly value: unknown;
  readonly expected: string;
  /** The key is absent: the message says what it needs, with no `got`. */
  readonly missing?: boolean;
  /** 1-based line in the YAML file, when known. */
  line?: number;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

export function formatIssue(issue: ConfigIssue): string {
  const where = issue.path || '(document)';
  const line = issue.line ? ` (line ${issue.line})` : '';
  if (issue.missing) return `${where}${line}: ${issue.expected}`;
  return `${where}${line}: got ${describeValue(issue.value)}; ${issue.expected}`;
}

/** Thrown when configuration is invalid; lists every problem, not just the first. */
export class ConfigError extends Error {
  constructor(
    readonly issues: readonly ConfigIssue[],
    readonly source: string,
  ) {
    super(`invalid configuration in ${source}:\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
