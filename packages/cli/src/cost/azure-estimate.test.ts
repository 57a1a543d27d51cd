import { estimateCost, isPriced, PRICES as prices, USAGE_BASED } from '@mockforge-infra/composition';
import { SynthesizedStack } from '@mockforge-infra/core';
import { synthesizeScratch } from '../synthesized-tiers';

const quiet = { out: () => undefined, err: () => undefined };
const { stacks } = synthesizeScratch(quiet, { clouds: ['azure'] });
const estimate = (name: string) =>
  [...stacks.keys()].filter((s) => s.startsWith(`${name}-azure-`)).map((n) => estimateCost(n, stacks.get(n)!));
const p = prices.azure;

describe('Azure cost estimates', () => {
  it('prices or lists as usage-based every Azure type the target creates', () => {
    const types = new Set<string>();
    for (const [name, json] of stacks) for (const r of new SynthesizedStack(name, json).resources) types.add(r.type);
    expect([...types].filter((t) => t.startsWith('azurerm_') && !isPriced(t) && !(t in USAGE_BASED)).sort()).toEqual([]);
  });

  it('prices staging: idle minimum replicas, the single-zone burstable server, the cache, and no Front Door', () => {
    const lines = Object.fromEntries(estimate('staging').flatMap((e) => e.lines.map((l) => [l.kind, [l.quantity, l.unit, l.monthlyUsd]])));
    const seconds = prices.hoursPerMonth * 3600;
    expect(lines['Container Apps (min replicas, idle)']).toEqual([
      2,
      'replicas (1.25 vCPU, 2.5 GiB)',
      expect.closeTo(2 * (1.25 * p.containerAppsIdleVcpuSecond + 2.5 * p.containerAppsIdleGibSecond) * seconds, 6),
    ]);
    expect(lines['PostgreSQL Flexible Server']).toEqual([
      1,
      'B_Standard_B1ms server(s), 32 GB',
      expect.closeTo(p.postgresFlexibleHour.B_Standard_B1ms * prices.hoursPerMonth + 32 * p.postgresStorageGbMonth, 6),
    ]);
    expect(lines['Azure Managed Redis']).toEqual([
      1,
      'Balanced_B0 instance',
      expect.closeTo(p.managedRedisHour.Balanced_B0 * prices.hoursPerMonth, 6),
    ]);
    expect(lines['Front Door Premium']).toBeUndefined();
  });

  it("prices production's Front Door Premium base fee once for the tier", () => {
    const frontDoor = estimate('production').flatMap((e) => e.lines.filter((l) => l.kind === 'Front Door Premium'));
    expect(frontDoor.map((l) => [l.quantity, l.unit, l.monthlyUsd])).toEqual([[1, 'profile (base fee)', p.frontDoorPremiumMonth]]);
  });
});
