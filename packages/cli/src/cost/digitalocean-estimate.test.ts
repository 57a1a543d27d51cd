import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateCost, inheritedSizes, isPriced, PRICES as prices, USAGE_BASED } from '@mockforge-infra/composition';
import { SynthesizedStack } from '@mockforge-infra/core';
import { synthesizeScratch } from '../synthesized-tiers';

const quiet = { out: () => undefined, err: () => undefined };
const { stacks } = synthesizeScratch(quiet, { clouds: ['digitalocean'] });
const tier = (name: string) => [...stacks.keys()].filter((s) => s.startsWith(`${name}-digitalocean-`));
const estimate = (name: string) => {
  const names = tier(name);
  const inherited = inheritedSizes(names.map((n) => stacks.get(n)!));
  return names.map((n) => estimateCost(n, stacks.get(n)!, inherited));
};
const total = (name: string) => estimate(name).reduce((sum, e) => sum + e.monthlyUsd, 0);
const p = prices.digitalocean;

describe('DigitalOcean cost estimates', () => {
  it('prices or lists as usage-based every DigitalOcean type the target creates', () => {
    const types = new Set<string>();
    for (const [name, json] of stacks) for (const r of new SynthesizedStack(name, json).resources) types.add(r.type);
    const digitaloceanTypes = [...types].filter((t) => t.startsWith('digitalocean_'));
    expect(digitaloceanTypes.filter((t) => !isPriced(t) && !(t in USAGE_BASED))).toEqual([]);
    // Kubernetes objects of the DOKS workload run on the priced nodes; terraform_data holds the generated admin credentials.
    expect([...types].filter((t) => !t.startsWith('digitalocean_') && !t.startsWith('kubernetes_'))).toEqual(['terraform_data']);
    expect('terraform_data' in USAGE_BASED).toBe(true);
  });

  it('prices dev: the App Platform instance and the Spaces subscription (no PostgreSQL or Valkey in dev)', () => {
    const lines = estimate('dev').flatMap((e) => e.lines);
    expect(lines.map((l) => [l.kind, l.quantity, l.monthlyUsd])).toEqual([
      ['App Platform', 1, p.appInstanceMonth['apps-s-1vcpu-0.5gb']],
      ['Spaces', 1, p.spacesSubscriptionMonth],
    ]);
    expect(total('dev')).toBe(10);
    expect(estimate('dev').flatMap((e) => e.unpriced)).toEqual([]);
  });

  it('prices staging: two instances and one node per database (single zone by default)', () => {
    expect(total('staging')).toBe(2 * p.appInstanceMonth['apps-s-1vcpu-1gb'] + 2 * p.databaseNodeMonth['db-s-1vcpu-1gb'] + 5);
    expect(total('staging')).toBe(59);
  });

  it('prices production on DOKS: pool minimums, HA control planes, load balancers, NAT gateways, data nodes and the Global Load Balancer', () => {
    const lines = Object.fromEntries(
      estimate('production')
        .flatMap((e) => e.lines)
        .reduce((m, l) => m.set(l.kind, (m.get(l.kind) ?? 0) + l.monthlyUsd), new Map<string, number>()),
    );
    expect(lines).toEqual({
      DOKS: 3 * (3 * p.dropletMonth['g-8vcpu-32gb'] + p.doksHaControlPlaneMonth),
      'Load balancers': 3 * p.loadBalancerNodeMonth + p.globalLoadBalancerMonth,
      'VPC NAT gateway': 3 * p.natGatewayMonth,
      // PostgreSQL: a primary with two standbys and two read-only nodes; Valkey: a primary and its one standby per region.
      'Managed databases': (3 + 2 + 6) * p.databaseNodeMonth['db-s-4vcpu-8gb'],
      Spaces: p.spacesSubscriptionMonth,
    });
    expect(estimate('production').flatMap((e) => e.unpriced)).toEqual([]);
  });

  it("states the estimate's figures in the DigitalOcean README", () => {
    const readme = readFileSync(join(__dirname, '../../../digitalocean/README.md'), 'utf8').replace(/\s+/g, ' ');
    const usd = (n: number) => `$${n.toLocaleString('en-US')}`;
    expect(readme).toContain(`The dev tier costs ${usd(total('dev'))}/month`);
    expect(readme).toContain(
      `Staging is ${usd(total('staging'))} and production (DOKS, three regions, medium) ${usd(total('production'))}`,
    );
  });
});
