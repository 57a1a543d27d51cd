import { stringify } from 'yaml';
import { ConfigError } from './errors';
import { defaultConfig } from './defaults';
import { parseConfig } from './load';

function withBudget(budget: unknown) {
  const config = JSON.parse(JSON.stringify(defaultConfig(['aws']))) as { tiers: Record<string, Record<string, unknown>> };
  config.tiers.dev!.budgetUsd = budget;
  return stringify(config);
}

function issues(budget: unknown): string[] {
  try {
    parseConfig(withBudget(budget), 'test.yaml', ['aws']);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.expected}`);
    throw error;
  }
  return [];
}

describe('tiers.<tier>.budgetUsd', () => {
  it('accepts a positive monthly amount', () => {
    expect(parseConfig(withBudget(50), 'test.yaml', ['aws']).tiers.dev?.budgetUsd).toBe(50);
    expect(issues(0.5)).toEqual([]);
  });

  it('rejects a negative or zero amount and a string, naming the field', () => {
    expect(issues(-1)).toEqual(['tiers.dev.budgetUsd: expected at least 0.01']);
    expect(issues(0)).toEqual(['tiers.dev.budgetUsd: expected at least 0.01']);
    expect(issues('50')).toEqual(['tiers.dev.budgetUsd: expected a number, not a string']);
  });
});
