import { MockforgeStack, PolicyEngine, STACK_DIR, type MockforgeConfig, type TierConfig, type TierName } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { azureTarget } from '../target';
import { azureContext } from '../testing/fixtures';

/** Each stack's steps by hand, by stack id. */
function stepsOf(tier: TierName, changes: Partial<TierConfig> = {}, configChanges: Partial<MockforgeConfig> = {}) {
  const context = azureContext(tier, changes, configChanges);
  const stacks = azureTarget.addStacks(Testing.app(), context, new PolicyEngine(azureTarget.rules, { failOnError: false }));
  return Object.fromEntries(stacks.map((s: MockforgeStack) => [s.node.id, s.manualSteps]));
}

const zoneId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dns/providers/Microsoft.Network/dnszones/example.com';
const pending = (message: string) =>
  `"[?properties.privateLinkServiceConnectionState.status=='Pending' && properties.privateLinkServiceConnectionState.description=='${message}'].id"`;

describe('the steps by hand synthesis prints for Azure', () => {
  it("approves Front Door's private endpoint connection on each region's Container Apps environment, after the global stack's first apply", () => {
    const steps = stepsOf('production');
    expect(steps['production-azure-eastus']).toEqual([]);
    const global = steps['production-azure-global']!;
    expect(global.filter((s) => s.command.includes('private-endpoint-connection')).map((s) => [s.when, s.command])).toEqual(
      ['eastus', 'westeurope', 'centralindia'].map((region) => [
        'after the first apply',
        `for ID in $(az network private-endpoint-connection list -g mockforge-production-${region} -n mockforge-production-${region} ` +
          `--type Microsoft.App/managedEnvironments --query ${pending('Front Door mockforge-production')} -o tsv); ` +
          `do az network private-endpoint-connection approve --id "$ID" --description "Front Door mockforge-production"; done`,
      ]),
    );
    expect(global[0]!.why).toBe(
      'Front Door reaches eastus only once its private endpoint connection on mockforge-production-eastus is approved ' +
        '(it appears a few minutes after the origin is created; until then Front Door answers errors for that origin)',
    );
  });

  it("approves it on each AKS region's Private Link Service in the node resource group", () => {
    const global = stepsOf('staging', { compute: { azure: 'aks' } })['staging-azure-global']!;
    expect(global.filter((s) => s.command.includes('private-endpoint-connection')).map((s) => s.command)).toEqual([
      `for ID in $(az network private-endpoint-connection list -g mockforge-staging-eastus-aks-nodes -n mockforge-staging-eastus-edge ` +
        `--type Microsoft.Network/privateLinkServices --query ${pending('Front Door mockforge-staging')} -o tsv); ` +
        `do az network private-endpoint-connection approve --id "$ID" --description "Front Door mockforge-staging"; done`,
    ]);
  });

  it('delegates a new zone for Front Door after the first apply, and not with azure.dnsZoneId', () => {
    const delegation = {
      when: 'after the first apply',
      why:
        'Front Door validates the managed certificate of mocks.example.com through its _dnsauth record, which public DNS serves ' +
        'once mocks.example.com is delegated to the new zone: delegate it from its parent zone to these name servers',
      command: `terraform -chdir=${STACK_DIR} output dns_zone_name_servers`,
    };
    expect(stepsOf('production')['production-azure-global']).toContainEqual(delegation);
    const existing = stepsOf('production', {}, { azure: { dnsZoneId: zoneId } })['production-azure-global']!;
    expect(existing.map((s) => s.command).filter((c) => !c.includes('private-endpoint-connection'))).toEqual([]);
  });

  it('in single-region staging, applies the new zone and its records alone first, then binds the managed certificate', () => {
    const global = stepsOf('staging')['staging-azure-global']!;
    expect(global).toEqual([
      {
        when: 'before the first apply',
        why:
          'the Container Apps API checks asuid.staging.mocks.example.com in public DNS when it creates the custom domain, so the new ' +
          'zone and its two records come first: delegate staging.mocks.example.com from its parent zone to the name servers this ' +
          'prints, then apply the whole stack once `dig +short TXT asuid.staging.mocks.example.com` answers',
        command:
          `terraform -chdir=${STACK_DIR} init && terraform -chdir=${STACK_DIR} apply -target=azurerm_dns_zone.dns_zone_2E2729FB ` +
          '-target=azurerm_dns_a_record.dns_environment_AE59C9C7 -target=azurerm_dns_txt_record.dns_domain-verification_58C5343B && ' +
          `terraform -chdir=${STACK_DIR} output dns_zone_name_servers`,
      },
      {
        when: 'after the first apply',
        why:
          'azurerm 4.55 cannot issue the free managed certificate of staging.mocks.example.com; until it is bound, ' +
          'staging.mocks.example.com serves no certificate and the availability test fails',
        command:
          'az containerapp hostname bind -g mockforge-staging-eastus -n mockforge-staging-eastus --environment mockforge-staging-eastus ' +
          '--hostname staging.mocks.example.com --validation-method HTTP',
      },
    ]);
  });

  it('in single-region dev with azure.dnsZoneId, only binds the certificate: the delegated zone needs no targeted apply', () => {
    const global = stepsOf('dev', {}, { azure: { dnsZoneId: zoneId } })['dev-azure-global']!;
    expect(global.map((s) => [s.when, s.command])).toEqual([
      [
        'after the first apply',
        'az containerapp hostname bind -g mockforge-dev-eastus -n mockforge-dev-eastus --environment mockforge-dev-eastus ' +
          '--hostname dev.mocks.example.com --validation-method HTTP',
      ],
    ]);
  });

  it('binds no Container Apps certificate behind Front Door', () => {
    for (const steps of [stepsOf('production'), stepsOf('staging', { compute: { azure: 'aks' } })])
      expect(
        Object.values(steps)
          .flat()
          .filter((s) => s.command.includes('containerapp hostname bind')),
      ).toEqual([]);
  });
});
