import { resourcesOf, synthTier } from './testing/fixtures';

/** Reviewed list: the Azure types whose resources hold data or identity. */
const PROTECTED = [
  'azurerm_data_protection_backup_vault',
  'azurerm_dns_zone',
  'azurerm_key_vault',
  'azurerm_kubernetes_cluster',
  'azurerm_managed_redis',
  'azurerm_postgresql_flexible_server',
  'azurerm_storage_account',
  'terraform_data',
];

function protectedTypes(json: ReturnType<typeof synthTier>['json']): string[] {
  const types = new Set<string>();
  for (const stack of Object.values(json))
    for (const [type, byName] of Object.entries(stack.resource))
      for (const body of Object.values(byName)) if (body.lifecycle?.prevent_destroy === true) types.add(type);
  return [...types].sort();
}

describe('stateful protection on Azure', () => {
  it('sets prevent_destroy on exactly the reviewed types in production, AKS included', () => {
    expect(protectedTypes(synthTier('production', { compute: { azure: 'aks' } }).json)).toEqual(PROTECTED);
    expect(protectedTypes(synthTier('staging').json)).toEqual(PROTECTED.filter((t) => t !== 'azurerm_kubernetes_cluster'));
  });

  it('counts the protected resources per layout', () => {
    const count = (json: ReturnType<typeof synthTier>['json']) =>
      Object.values(json).reduce(
        (n, stack) =>
          n +
          Object.values(stack.resource).reduce(
            (m, byName) => m + Object.values(byName).filter((b) => b.lifecycle?.prevent_destroy).length,
            0,
          ),
        0,
      );
    // 3 regions × (vault, server, redis) + backup vault + zone + storage account + the primary's generated credentials.
    expect(count(synthTier('production').json)).toBe(13);
    expect(count(synthTier('staging').json)).toBe(7);
  });

  it('protects nothing in dev, and nothing in a tier that opts out with a reason', () => {
    expect(protectedTypes(synthTier('dev').json)).toEqual([]);
    const optedOut = synthTier('staging', { optOuts: { deletionProtection: { reason: 'ephemeral load-test environment' } } });
    expect(protectedTypes(optedOut.json)).toEqual([]);
    expect(resourcesOf(optedOut.json['staging-azure-eastus'], 'azurerm_key_vault')[0]!.purge_protection_enabled).toBe(false);
    expect(optedOut.policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});
