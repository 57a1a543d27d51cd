import { synthTier } from './testing/fixtures';

describe('azureTarget', () => {
  it('lays out one stack per region and a global stack, on Container Apps by default', () => {
    expect(synthTier('production').stacks).toEqual([
      'production-azure-eastus',
      'production-azure-westeurope',
      'production-azure-centralindia',
      'production-azure-global',
    ]);
    expect(synthTier('dev').stacks).toEqual(['dev-azure-eastus', 'dev-azure-global']);
  });

  it('adds a workload stack per AKS cluster before the global stack', () => {
    expect(synthTier('staging', { compute: { azure: 'aks' } }).stacks).toEqual([
      'staging-azure-eastus',
      'staging-azure-eastus-workload',
      'staging-azure-global',
    ]);
  });

  it.each([
    ['dev', {}],
    ['staging', {}],
    ['production', {}],
    ['production', { compute: { azure: 'aks' as const } }],
    ['production', { topology: 'hybrid' as const }],
  ] as const)('%s %j has no unsuppressed findings', (tier, changes) => {
    const { policy } = synthTier(tier, changes);
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });

  it('suppresses exactly the documented rules in production', () => {
    const { policy } = synthTier('production');
    expect([...new Set(policy.findings.map((f) => f.ruleId))].sort()).toEqual([
      'CKV_AZURE_139',
      'CKV_AZURE_59',
      'MF_AZ_NET_2',
      'MF_AZ_PG_1',
    ]);
  });

  it('synthesizes byte-identical output twice', () => {
    expect(JSON.stringify(synthTier('production').json)).toBe(JSON.stringify(synthTier('production').json));
  });
});
