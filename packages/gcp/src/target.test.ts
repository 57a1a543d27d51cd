import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import { defaultConfig, PolicyEngine, targetContext } from '@mockforge-infra/core';
import { gcpRules } from './rules';
import { gcpTarget } from './target';

function synthProduction() {
  const app: App = Testing.app();
  const policy = new PolicyEngine(gcpTarget.rules, { failOnError: false });
  const stacks = gcpTarget.addStacks(app, targetContext(defaultConfig(['gcp']), 'production', 'gcp'), policy);
  app.synth();
  const read = (name: string) => readFileSync(join(app.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');
  return { policy, names: stacks.map((s) => s.node.id), read };
}

describe('gcpTarget in production', () => {
  const { policy, names, read } = synthProduction();

  it('lays out one stack per region and a global stack', () => {
    expect(names).toEqual([
      'production-gcp-us-central1',
      'production-gcp-europe-west1',
      'production-gcp-asia-south1',
      'production-gcp-global',
    ]);
    expect(gcpTarget.rules.map((r) => r.id)).toEqual(expect.arrayContaining(gcpRules.map((r) => r.id)));
  });

  it('has no findings except the documented Cloud SQL TLS, access-log and public egress suppressions', () => {
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
    expect([...new Set(policy.findings.map((f) => f.ruleId))].sort()).toEqual(['CKV_GCP_6', 'CKV_GCP_62', 'GCP-0035']);
  });

  it('synthesizes byte-identical output twice', () => {
    const again = synthProduction();
    for (const name of names) expect(again.read(name)).toBe(read(name));
  });
});
