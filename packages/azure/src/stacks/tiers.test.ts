import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV } from '@mockforge-infra/core';
import { NO_WAF_REASON } from '../compute/container-app';
import { PUBLIC_INGRESS_REASON } from '../network/vnet';
import { azureContext, only, resourcesOf, synthTier, type Body } from '../testing/fixtures';

const ZONAL_DATA_REASON =
  "staging tier: single-zone PostgreSQL and Redis, near the guide's staging cost (~$40-60/month); the service still runs 2 instances in 2 zones; tiers.staging.zoneRedundantData: true restores failover replicas";

/** Every resource type of a stack. */
const types = (stack: Body) => Object.keys(stack.resource).sort();

/** The suppression reasons of a tier's findings, per rule id and resource type. */
function suppressed(policy: ReturnType<typeof synthTier>['policy']): Record<string, string> {
  return Object.fromEntries(
    policy.findings.filter((f) => f.suppressedBecause).map((f) => [`${f.ruleId} ${f.address.split('.')[0]}`, f.suppressedBecause!]),
  );
}

describe('Azure dev', () => {
  const dev = synthTier('dev');
  const regional = dev.json['dev-azure-eastus']!;
  const global = dev.json['dev-azure-global']!;

  it('creates no PostgreSQL and nothing that hangs off it: no server, DATABASE_URL, backup vault, subnet, private zone or output', () => {
    expect(types(regional).filter((t) => /postgres|data_protection/.test(t))).toEqual([]);
    expect(resourcesOf(regional, 'azurerm_key_vault_secret').map((s) => s.name)).toEqual([
      'mockforge-admin-jwt-secret',
      'mockforge-admin-password',
      'mockforge-admin-username',
    ]);
    expect(resourcesOf(regional, 'azurerm_subnet').map((s) => s.name)).toEqual(['apps', 'endpoints']);
    expect(resourcesOf(regional, 'azurerm_private_dns_zone').map((z) => z.name)).toEqual([
      'privatelink.vaultcore.azure.net',
      'privatelink.redis.azure.net',
    ]);
    expect(resourcesOf(regional, 'azurerm_monitor_diagnostic_setting').map((d) => d.target_resource_id)).toEqual([
      '${azurerm_key_vault.secrets_vault_97F902B8.id}',
    ]);
    expect(Object.keys(regional.output ?? {}).filter((o) => o.includes('database'))).toEqual([]);
    const env = (only(regional, 'azurerm_container_app').template.container[0].env as { name: string }[]).map((e) => e.name);
    expect(env).not.toContain(ENV.databaseUrl);
    expect(env).not.toContain(ENV.redisUrl);
  });

  it('pulls the pinned image straight from ghcr.io and egresses without a NAT gateway', () => {
    expect(types(regional).filter((t) => /registry|nat_gateway|public_ip/.test(t))).toEqual([]);
    const app = only(regional, 'azurerm_container_app');
    expect(app.template.container[0].image).toBe(azureContext('dev').service.image);
    expect(app.template.container[0].image).toMatch(/^ghcr\.io\/saasy-solutions\/mockforge[:@]/);
    expect(app.registry).toBeUndefined();
    expect(only(regional, 'azurerm_user_assigned_identity').name).toBe('mockforge-dev-eastus-workload');
    const apps = resourcesOf(regional, 'azurerm_subnet').find((s) => s.name === 'apps')!;
    expect(apps.default_outbound_access_enabled).toBe(true);
    expect(resourcesOf(regional, 'azurerm_subnet').find((s) => s.name === 'endpoints')!.default_outbound_access_enabled).toBe(false);
  });

  it('serves HTTPS from an external Container Apps environment, opening only 443 and 80 (and the edge proxy behind them) to the internet, with the reasons recorded', () => {
    expect(only(regional, 'azurerm_container_app_environment')).toMatchObject({
      internal_load_balancer_enabled: false,
      public_network_access: 'Enabled',
    });
    expect(only(regional, 'azurerm_container_app').ingress).toMatchObject({ external_enabled: true, allow_insecure_connections: false });
    const nsg = resourcesOf(regional, 'azurerm_network_security_group').find((n) => n.name === 'mockforge-dev-eastus-workload')!;
    expect(nsg.security_rule.find((r: Body) => r.name === 'public-ingress')).toMatchObject({
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      source_address_prefix: 'Internet',
      // A workload-profiles environment's edge proxy answers HTTPS on 31443 and HTTP on 31080, behind 443 and 80.
      destination_port_ranges: ['443', '80', '31443', '31080'],
      priority: 130,
    });
    // No Front Door here: the load balancer rule's text says so.
    expect(nsg.security_rule.find((r: Body) => r.name === 'load-balancer-ingress').description).toBe(
      "HTTPS and HTTP from inside the VNet through the environment's load balancer",
    );
    expect(suppressed(dev.policy)).toMatchObject({
      'MF_AZ_EDGE_4 azurerm_container_app_environment': NO_WAF_REASON,
      'MF_AZ_NET_1 azurerm_network_security_group': PUBLIC_INGRESS_REASON,
    });
    expect(dev.policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });

  it('points the tier hostname at the environment: A and asuid records and a custom domain left to its managed certificate; no Front Door', () => {
    expect(types(global).filter((t) => t.startsWith('azurerm_cdn_frontdoor'))).toEqual([]);
    expect(only(global, 'azurerm_dns_a_record')).toMatchObject({ name: '@', ttl: 300 });
    expect(only(global, 'azurerm_dns_a_record').records[0]).toMatch(/dev-azure-eastus.*container_app_environment.*static_ip_address/);
    expect(only(global, 'azurerm_dns_txt_record').name).toBe('asuid');
    expect(only(global, 'azurerm_dns_txt_record').record[0].value).toMatch(/custom_domain_verification_id/);
    const domain = only(global, 'azurerm_container_app_custom_domain');
    expect(domain).toMatchObject({
      name: 'dev.mocks.example.com',
      depends_on: ['azurerm_dns_a_record.dns_environment_AE59C9C7', 'azurerm_dns_txt_record.dns_domain-verification_58C5343B'],
      lifecycle: { ignore_changes: ['certificate_binding_type', 'container_app_environment_certificate_id'] },
    });
    expect(domain.container_app_environment_certificate_id).toBeUndefined();
    expect(domain.container_app_id).toMatch(/dev-azure-eastus.*container_app.*id/);
  });

  it("names in the README's first deploy exactly the zone and the two records the custom domain's validation needs", () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const targets = [...readme.matchAll(/-target=(\w+)\.([\w-]+)/g)].map((m) => `${m[1]}.${m[2]}`);
    const domain = only(global, 'azurerm_container_app_custom_domain');
    const zone = Object.keys(global.resource.azurerm_dns_zone!).map((id) => `azurerm_dns_zone.${id}`);
    // The zone first (to delegate), then what the custom domain waits on; nothing else.
    expect(targets).toEqual([...zone, ...domain.depends_on]);
    for (const t of ['dev', 'staging'] as const)
      for (const target of targets) expect(synthTier(t).json[`${t}-azure-global`]!.resource).toHaveProperty(target.split('.'));
  });

  it('tests /health/ready from one location every 15 minutes, with windows that always hold a run', () => {
    expect(only(global, 'azurerm_application_insights_standard_web_test')).toMatchObject({
      frequency: 900,
      geo_locations: ['us-va-ash-azr'],
      request: { url: 'https://dev.mocks.example.com/health/ready' },
    });
    const alert = only(global, 'azurerm_monitor_metric_alert');
    expect(alert.window_size).toBe('PT15M');
    expect(alert.application_insights_web_test_location_availability_criteria.failed_location_count).toBe(1);
    const logAlert = resourcesOf(regional, 'azurerm_monitor_scheduled_query_rules_alert_v2').find((a) =>
      a.name.endsWith('low-availability'),
    )!;
    expect(logAlert.window_duration).toBe('PT15M');
  });

  it('alerts on a failed readiness run as a warning, saying what it measures, since every run of a scale-to-zero app starts it cold', () => {
    const description =
      'A readiness test run failed in the last 15 min (/health/ready from one location every 15 min, 30 s timeout, retried); ' +
      'the app scales to zero, so every run starts it cold and a cold start past the timeout fails it: warning only';
    const logAlert = resourcesOf(regional, 'azurerm_monitor_scheduled_query_rules_alert_v2').find((a) =>
      a.name.endsWith('low-availability'),
    )!;
    for (const a of [only(global, 'azurerm_monitor_metric_alert'), logAlert]) expect([a.severity, a.description]).toEqual([2, description]);
    // The other alerts keep the guide's severities.
    expect(
      resourcesOf(regional, 'azurerm_monitor_scheduled_query_rules_alert_v2')
        .filter((a) => !a.name.endsWith('low-availability'))
        .map((a) => a.severity),
    ).toEqual([1, 2]);
  });

  it('describes the outputs of an external environment without Front Door', () => {
    expect(regional.output!.container_app_fqdn.description).toBe('Public FQDN of the latest revision (the environment is external)');
    expect(regional.output!.container_app_environment_id.description).toBe('The Container Apps environment (external, no Front Door)');
  });
});

describe('Azure staging', () => {
  const staging = synthTier('staging');
  const regional = staging.json['staging-azure-eastus']!;

  it('keeps PostgreSQL on a Burstable B1ms in one zone, with the zonal-data reason on MF_AZ_PG_1', () => {
    const server = only(regional, 'azurerm_postgresql_flexible_server');
    expect(server).toMatchObject({ sku_name: 'B_Standard_B1ms', storage_mb: 32768, backup_retention_days: 7 });
    expect(server.high_availability).toBeUndefined();
    expect(server.zone).toBeUndefined();
    expect(suppressed(staging.policy)['MF_AZ_PG_1 azurerm_postgresql_flexible_server']).toBe(ZONAL_DATA_REASON);
    expect(resourcesOf(regional, 'azurerm_key_vault_secret').map((s) => s.name)).toContain('database-url');
  });

  it('keeps one Redis node without HA, behind its private endpoint', () => {
    expect(only(regional, 'azurerm_managed_redis')).toMatchObject({
      sku_name: 'Balanced_B0',
      high_availability_enabled: false,
      public_network_access: 'Disabled',
    });
    expect(resourcesOf(regional, 'azurerm_private_endpoint').map((e) => e.name)).toHaveLength(2);
  });

  it('alerts on a failed readiness run as critical: its warm replicas take the test without a cold start', () => {
    const description =
      'A readiness test run failed in the last 15 min (/health/ready from one location every 15 min, 30 s timeout, retried)';
    const logAlert = resourcesOf(regional, 'azurerm_monitor_scheduled_query_rules_alert_v2').find((a) =>
      a.name.endsWith('low-availability'),
    )!;
    const global = staging.json['staging-azure-global']!;
    for (const a of [only(global, 'azurerm_monitor_metric_alert'), logAlert]) expect([a.severity, a.description]).toEqual([1, description]);
  });

  it('still runs 2 warm replicas in a zone-redundant environment', () => {
    expect(only(regional, 'azurerm_container_app').template.min_replicas).toBe(2);
    expect(only(regional, 'azurerm_container_app_environment')).toMatchObject({
      zone_redundancy_enabled: true,
      internal_load_balancer_enabled: false,
    });
    expect(staging.policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });

  it('moves to General Purpose with zone-redundant HA when zoneRedundantData is set, since Burstable has no HA', () => {
    const server = only(
      synthTier('staging', { zoneRedundantData: true }).json['staging-azure-eastus']!,
      'azurerm_postgresql_flexible_server',
    );
    expect(server).toMatchObject({
      sku_name: 'GP_Standard_D2ds_v5',
      high_availability: { mode: 'ZoneRedundant', standby_availability_zone: '2' },
    });
  });

  it('keeps Front Door with an internal environment, and a General Purpose primary, for a multi-region staging', () => {
    const multi = synthTier('staging', { regions: { azure: ['eastus', 'westeurope'] } });
    const global = multi.json['staging-azure-global']!;
    expect(only(global, 'azurerm_cdn_frontdoor_profile').sku_name).toBe('Premium_AzureFrontDoor');
    expect(resourcesOf(global, 'azurerm_container_app_custom_domain')).toEqual([]);
    const primary = multi.json['staging-azure-eastus']!;
    expect(only(primary, 'azurerm_container_app_environment').internal_load_balancer_enabled).toBe(true);
    // Burstable servers take no read replicas.
    expect(only(primary, 'azurerm_postgresql_flexible_server').sku_name).toBe('GP_Standard_D2ds_v5');
    expect(multi.policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});
