import { App, TerraformStack, Testing } from 'cdktf';
import { CdnFrontdoorCustomDomain } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain';
import { CdnFrontdoorFirewallPolicy } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-firewall-policy';
import { ContainerApp } from '@cdktf/provider-azurerm/lib/container-app';
import { ContainerAppEnvironment } from '@cdktf/provider-azurerm/lib/container-app-environment';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { ManagedRedis } from '@cdktf/provider-azurerm/lib/managed-redis';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PolicyEngine } from '@mockforge-infra/core';
import { azureRules } from '.';

/** Findings per rule id for the resources `build` adds to a bare production stack. */
function check(build: (stack: TerraformStack) => void, stackName = 'production-azure-eastus'): string[] {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, stackName);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  build(stack);
  const policy = new PolicyEngine(azureRules, { failOnError: false });
  policy.attach(stack);
  app.synth();
  return policy.findings.map((f) => f.ruleId).sort();
}

const base = { location: 'eastus', resourceGroupName: 'rg' };
const app =
  (env: { name: string; value?: string; secretName?: string }[], minReplicas = 1, probePath = '/health/ready') =>
  (s: TerraformStack) =>
    new ContainerApp(s, 'app', {
      name: 'a',
      resourceGroupName: 'rg',
      containerAppEnvironmentId: 'env',
      revisionMode: 'Single',
      template: {
        minReplicas,
        container: [
          {
            name: 'c',
            image: 'i',
            cpu: 0.5,
            memory: '1Gi',
            env,
            readinessProbe: [{ transport: 'HTTP', port: 3000, path: probePath }],
          },
        ],
      },
    });

describe('Azure rules', () => {
  it('PostgreSQL: public access, missing HA, no geo backups in production, no Entra ID (and passes when all are set)', () => {
    expect(check((s) => new PostgresqlFlexibleServer(s, 'pg', { ...base, name: 'p', publicNetworkAccessEnabled: true }))).toEqual([
      'CKV_AZURE_136',
      'CKV_AZURE_68',
      'MF_AZ_PG_1',
      'MF_AZ_PG_2',
    ]);
    expect(
      check(
        (s) =>
          new PostgresqlFlexibleServer(s, 'pg', {
            ...base,
            name: 'p',
            publicNetworkAccessEnabled: false,
            delegatedSubnetId: 'subnet',
            highAvailability: { mode: 'ZoneRedundant' },
            geoRedundantBackupEnabled: true,
            authentication: { activeDirectoryAuthEnabled: true },
          }),
      ),
    ).toEqual([]);
  });

  it('PostgreSQL TLS below 1.2 fails; 1.2 passes', () => {
    const param = (value: string) => (s: TerraformStack) =>
      new PostgresqlFlexibleServerConfiguration(s, 'tls', { name: 'ssl_min_protocol_version', serverId: 'x', value });
    expect(check(param('TLSv1.1'))).toEqual(['CKV_AZURE_147']);
    expect(check(param('TLSv1.2'))).toEqual([]);
  });

  it('Managed Redis: public access, plaintext and no HA in production fail', () => {
    expect(
      check(
        (s) =>
          new ManagedRedis(s, 'r', {
            ...base,
            name: 'r',
            skuName: 'Balanced_B0',
            publicNetworkAccess: 'Enabled',
            highAvailabilityEnabled: false,
            defaultDatabase: { clientProtocol: 'Plaintext' },
          }),
      ),
    ).toEqual(['CKV_AZURE_89', 'CKV_AZURE_91', 'MF_AZ_REDIS_1']);
    expect(check((s) => new ManagedRedis(s, 'r', { ...base, name: 'r', skuName: 'Balanced_B0', publicNetworkAccess: 'Disabled' }))).toEqual(
      [],
    );
  });

  it('Key Vault: public, no firewall, no purge protection, access policies fail', () => {
    expect(check((s) => new KeyVault(s, 'kv', { ...base, name: 'k', skuName: 'standard', tenantId: 't' }))).toEqual([
      'CKV_AZURE_109',
      'CKV_AZURE_110',
      'CKV_AZURE_189',
      'MF_AZ_KV_1',
    ]);
    expect(
      check(
        (s) =>
          new KeyVault(s, 'kv', {
            ...base,
            name: 'k',
            skuName: 'standard',
            tenantId: 't',
            rbacAuthorizationEnabled: true,
            purgeProtectionEnabled: true,
            publicNetworkAccessEnabled: false,
            networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny' },
          }),
      ),
    ).toEqual([]);
  });

  it('Storage: TLS 1.0, public blobs, public network and shared keys fail', () => {
    expect(
      check(
        (s) =>
          new StorageAccount(s, 'st', {
            ...base,
            name: 's',
            accountTier: 'Standard',
            accountReplicationType: 'GRS',
            minTlsVersion: 'TLS1_0',
          }),
      ),
    ).toEqual(['CKV2_AZURE_40', 'CKV_AZURE_190', 'CKV_AZURE_44', 'CKV_AZURE_59']);
  });

  it('Front Door: a WAF in detection mode fails in production only; a domain below TLS 1.2 fails', () => {
    const waf = (s: TerraformStack) =>
      new CdnFrontdoorFirewallPolicy(s, 'waf', {
        name: 'w',
        resourceGroupName: 'rg',
        skuName: 'Premium_AzureFrontDoor',
        mode: 'Detection',
        managedRule: [
          { type: 'Microsoft_DefaultRuleSet', version: '2.1', action: 'Block' },
          { type: 'Microsoft_BotManagerRuleSet', version: '1.1', action: 'Block' },
        ],
        customRule: [{ name: 'r', type: 'RateLimitRule', action: 'Block' }],
      });
    expect(check(waf)).toEqual(['CKV_AZURE_123']);
    expect(check(waf, 'staging-azure-global')).toEqual([]);
    expect(
      check(
        (s) =>
          new CdnFrontdoorFirewallPolicy(s, 'waf', {
            name: 'w',
            resourceGroupName: 'rg',
            skuName: 'Premium_AzureFrontDoor',
            mode: 'Prevention',
          }),
      ),
    ).toEqual(['MF_AZ_EDGE_1']);
    expect(
      check(
        (s) =>
          new CdnFrontdoorCustomDomain(s, 'd', {
            name: 'd',
            cdnFrontdoorProfileId: 'p',
            hostName: 'x.example.com',
            tls: { certificateType: 'ManagedCertificate', minimumTlsVersion: 'TLS10' },
          }),
      ),
    ).toEqual(['MF_AZ_EDGE_2']);
  });

  it('AKS: no network policy, local accounts, no Entra RBAC, no workload identity, public API and Free tier in production fail', () => {
    expect(
      check(
        (s) =>
          new KubernetesCluster(s, 'aks', {
            ...base,
            name: 'k',
            dnsPrefix: 'k',
            defaultNodePool: { name: 'system', vmSize: 'Standard_D2s_v5' },
            networkProfile: { networkPlugin: 'azure' },
          }),
      ),
    ).toEqual(['CKV_AZURE_115', 'CKV_AZURE_141', 'CKV_AZURE_170', 'CKV_AZURE_5', 'CKV_AZURE_7', 'MF_AZ_AKS_1']);
  });

  it('Container Apps: an environment with public ingress (no Front Door WAF in front) fails in every tier', () => {
    const environment = (internal: boolean) => (s: TerraformStack) =>
      new ContainerAppEnvironment(s, 'env', { ...base, name: 'e', internalLoadBalancerEnabled: internal, zoneRedundancyEnabled: true });
    expect(check(environment(false), 'dev-azure-eastus')).toEqual(['MF_AZ_EDGE_4']);
    expect(check(environment(false))).toEqual(['MF_AZ_APP_3', 'MF_AZ_EDGE_4']);
    expect(check(environment(true))).toEqual([]);
  });

  it('Container Apps: a secret in a plain env value, no warm replica and a /ping probe fail', () => {
    expect(check(app([{ name: 'DATABASE_URL', value: 'postgresql://u:p@h/db' }], 0, '/ping'))).toEqual([
      'MF_AZ_APP_1',
      'MF_AZ_APP_2',
      'MF_AZ_HEALTH',
    ]);
    expect(
      check(
        app([
          { name: 'DATABASE_URL', secretName: 'database-url' },
          { name: 'MOCKFORGE_LOG_LEVEL', value: 'info' },
        ]),
      ),
    ).toEqual([]);
  });
});
