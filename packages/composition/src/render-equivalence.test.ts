import { App, TerraformStack, Testing } from 'cdktf';
import { defaultConfig, PolicyEngine, TIER_NAMES, validateConfig, type MockforgeConfig } from '@mockforge-infra/core';
import { composeTiers } from './compose';
import { IMPLEMENTED_CLOUDS } from './targets';

/** The built-in config, and one with EKS and GKE in production and the hybrid topology in staging. */
function configs(): Record<string, MockforgeConfig> {
  const base = defaultConfig(IMPLEMENTED_CLOUDS);
  const variant: MockforgeConfig = {
    ...base,
    tiers: {
      ...base.tiers,
      staging: { ...base.tiers.staging!, topology: 'hybrid' },
      production: { ...base.tiers.production!, compute: { aws: 'eks', gcp: 'gke', digitalocean: 'doks' } },
    },
  };
  return { 'built-in config': base, 'EKS, GKE and hybrid': variant };
}

describe.each(Object.entries(configs()))("every stack renders as cdktf's own toTerraform would (%s)", (_name, config) => {
  it('is a valid config', () => {
    expect(validateConfig(config, { implementedClouds: IMPLEMENTED_CLOUDS })).toEqual([]);
  });

  const app = new App({ outdir: Testing.app().outdir, stackTraces: false });
  const stacks = composeTiers(app, config, new PolicyEngine([], { failOnError: false }), { tiers: TIER_NAMES });
  app.synth();

  it.each(stacks.map((s) => [s.node.id, s] as const))('%s', (_id, stack) => {
    expect(stack.toTerraform()).toEqual(TerraformStack.prototype.toTerraform.call(stack));
  });
});
