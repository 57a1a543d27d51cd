import { defaultConfig } from '../defaults';
import type { MockforgeConfig, TierConfig } from '../model';
import { validateConfig } from '../validate';
import { azureDnsZoneName } from './azure';

function withTier(
  tier: 'dev' | 'staging' | 'production',
  changes: Partial<TierConfig>,
  extra: Partial<MockforgeConfig> = {},
): MockforgeConfig {
  const base = defaultConfig(['azure']);
  return { ...base, ...extra, tiers: { ...base.tiers, [tier]: { ...base.tiers[tier]!, ...changes } } };
}

const ZONE_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dns/providers/Microsoft.Network/dnszones/example.com';

describe('azure settings', () => {
  it('accepts the built-in configuration: eastus, westeurope and centralindia on Container Apps', () => {
    const config = defaultConfig(['azure']);
    expect(config.tiers.production!.regions.azure).toEqual(['eastus', 'westeurope', 'centralindia']);
    expect(validateConfig(config)).toEqual([]);
    expect(validateConfig(withTier('production', { compute: { azure: 'aks' }, topology: 'hybrid' }))).toEqual([]);
  });

  it('rejects an unknown region and an unknown compute model field by field', () => {
    const issues = validateConfig(withTier('dev', { regions: { azure: ['mars1'] }, compute: { azure: 'container-instances' as never } }));
    expect(issues.map((i) => i.path)).toEqual(['tiers.dev.compute.azure', 'tiers.dev.regions.azure[0]']);
    expect(issues[1]!.expected).toMatch(/^a azure region; known: eastus, eastus2/);
  });

  it('rejects a zone-redundant tier in a region without availability zones, unless it opts out', () => {
    const issues = validateConfig(withTier('staging', { regions: { azure: ['westus'] } }));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('tiers.staging.regions.azure[0]');
    expect(issues[0]!.expected).toMatch(/^a region with availability zones for zone-redundant staging/);
    expect(
      validateConfig(
        withTier('staging', { regions: { azure: ['westus'] }, optOuts: { multiAz: { reason: 'pilot in a region without zones' } } }),
      ),
    ).toEqual([]);
    expect(validateConfig(withTier('dev', { regions: { azure: ['westus'] } }))).toEqual([]);
  });

  it('rejects a balancing algorithm Container Apps cannot run, pointing to aks', () => {
    const issues = validateConfig(withTier('production', { loadBalancing: 'least-connections' }));
    expect(issues.map((i) => [i.path, i.expected])).toEqual([
      ['tiers.production.loadBalancing', 'an algorithm Container Apps ingress has (round-robin), or compute.azure: aks'],
    ]);
    expect(validateConfig(withTier('production', { loadBalancing: 'least-connections', compute: { azure: 'aks' } }))).toEqual([]);
  });

  it('validates subscriptionId, dnsZoneId and the CIDR lists', () => {
    const issues = validateConfig({
      ...defaultConfig(['azure']),
      azure: {
        subscriptionId: 'not-a-guid',
        dnsZoneId: 'example.com',
        aksAuthorizedCidrs: ['10.0.0.300/8'],
        keyVaultAllowedCidrs: ['1.2.3.4'],
      },
    });
    expect(issues.map((i) => i.path)).toEqual([
      'azure.subscriptionId',
      'azure.dnsZoneId',
      'azure.aksAuthorizedCidrs[0]',
      'azure.keyVaultAllowedCidrs[0]',
    ]);
  });

  it('requires every tier hostname to lie inside azure.dnsZoneId', () => {
    expect(azureDnsZoneName(ZONE_ID)).toBe('example.com');
    expect(validateConfig({ ...defaultConfig(['azure']), azure: { dnsZoneId: ZONE_ID } })).toEqual([]);
    const other = ZONE_ID.replace('example.com', 'other.org');
    expect(validateConfig({ ...defaultConfig(['azure']), azure: { dnsZoneId: other } }).map((i) => [i.path, i.value])).toEqual([
      ['tiers.dev.hostnames.azure', 'dev.mocks.example.com'],
      ['tiers.staging.hostnames.azure', 'staging.mocks.example.com'],
      ['tiers.production.hostnames.azure', 'mocks.example.com'],
    ]);
  });
});
