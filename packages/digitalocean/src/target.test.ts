import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { defaultConfig, PolicyEngine, targetContext, type MockforgeConfig, type TierName } from '@mockforge-infra/core';
import { digitaloceanTarget } from './target';

function synthTier(config: MockforgeConfig, tier: TierName) {
  const app = Testing.app();
  const policy = new PolicyEngine(digitaloceanTarget.rules, { failOnError: false });
  const stacks = digitaloceanTarget.addStacks(app, targetContext(config, tier, 'digitalocean'), policy);
  app.synth();
  const json = Object.fromEntries(
    stacks.map((s) => [s.node.id, JSON.parse(readFileSync(join(app.outdir, 'stacks', s.node.id, 'cdk.tf.json'), 'utf8'))]),
  );
  return { stacks: stacks.map((s) => s.node.id), json, policy };
}

describe('the DigitalOcean target', () => {
  it.each(['dev', 'staging', 'production'] as const)('synthesizes the built-in %s tier', (tier) => {
    const { stacks } = synthTier(defaultConfig(['digitalocean']), tier);
    expect(stacks.length).toBeGreaterThan(1);
  });
});
