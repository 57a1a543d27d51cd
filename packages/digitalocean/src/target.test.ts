import { synthTier } from './testing/fixtures';

describe('the DigitalOcean target', () => {
  it.each([
    ['dev', ['dev-digitalocean-nyc3', 'dev-digitalocean-global']],
    ['staging', ['staging-digitalocean-nyc3', 'staging-digitalocean-global']],
  ] as const)('lays out %s on App Platform without the Kubernetes rules, with no unsuppressed finding', (tier, stacks) => {
    const synthesized = synthTier(tier);
    expect(synthesized.stacks).toEqual(stacks);
    expect(synthesized.policy.registeredRules.some((r) => r.id.startsWith('CKV_K8S_') || r.id === 'MF_DIO_6')).toBe(false);
    expect(synthesized.policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });

  it('lays out production on DOKS with the node capacity rules and no unsuppressed finding', () => {
    const { policy } = synthTier('production');
    expect(policy.registeredRules.map((r) => r.id)).toEqual(expect.arrayContaining(['MF_DIO_6', 'MF_DIO_7']));
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});
