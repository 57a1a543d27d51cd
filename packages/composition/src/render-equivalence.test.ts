import { App, TerraformStack, Testing } from 'cdktf';
import { defaultConfig, PolicyEngine, TIER_NAMES, validateConfig, type MockforgeConfig } from '@mockforge-infra/core';
import { composeTiers } from './compose';
import { IMPLEMENTED_CLOUDS } from './targets';

/** The built-in config, and one with every managed Kubernetes in production and the hybrid topology in staging. */
function configs(): Record<string, MockforgeConfig> {
  const base = defaultConfig(IMPLEMENTED_CLOUDS);
  const variant: MockforgeConfig = {
    ...base,
    tiers: {
      ...base.tiers,
      staging: { ...base.tiers.staging!, topology: 'hybrid' },
      production: { ...base.tiers.production!, compute: { aws: 'eks', gcp: 'gke', azure: 'aks', digitalocean: 'doks' } },
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

  // Terraform takes only bare addresses in depends_on; an interpolation (`${aws_x.y}`) fails plan.
  it('names bare addresses in every depends_on', () => {
    const interpolated = stacks.flatMap((stack) =>
      dependsOnEntries(stack.toTerraform())
        .filter(({ entry }) => entry.includes('${'))
        .map(({ at, entry }) => `${stack.node.id} ${at}: ${entry}`),
    );
    expect(interpolated).toEqual([]);
    expect(stacks.some((stack) => dependsOnEntries(stack.toTerraform()).length > 0)).toBe(true);
  });
});

/** Every depends_on entry of a synthesized stack, with the path of the block that holds it. */
function dependsOnEntries(json: unknown, at = ''): { at: string; entry: string }[] {
  if (Array.isArray(json)) return json.flatMap((item, i) => dependsOnEntries(item, `${at}[${i}]`));
  if (typeof json !== 'object' || json === null) return [];
  return Object.entries(json).flatMap(([key, value]) =>
    key === 'depends_on' && Array.isArray(value)
      ? value.map((entry) => ({ at, entry: String(entry) }))
      : dependsOnEntries(value, at ? `${at}.${key}` : key),
  );
}
