import { only, resourcesOf, synthTier, type Body } from '../testing/fixtures';

describe('the Azure global stack', () => {
  const production = synthTier('production');
  const global = production.json['production-azure-global']!;

  it('puts Front Door Premium in front of one private-link origin per region, probing /health/ready with latency routing', () => {
    expect(only(global, 'azurerm_cdn_frontdoor_profile')).toMatchObject({
      sku_name: 'Premium_AzureFrontDoor',
      response_timeout_seconds: 240,
    });
    expect(only(global, 'azurerm_cdn_frontdoor_origin_group')).toMatchObject({
      health_probe: { path: '/health/ready', protocol: 'Https', request_type: 'GET', interval_in_seconds: 30 },
      load_balancing: { additional_latency_in_milliseconds: 50, sample_size: 4, successful_samples_required: 3 },
      session_affinity_enabled: false,
    });
    const origins = resourcesOf(global, 'azurerm_cdn_frontdoor_origin');
    expect(origins.map((o) => [o.name, o.private_link.location, o.private_link.target_type, o.certificate_name_check_enabled])).toEqual([
      ['centralindia', 'centralindia', 'managedEnvironments', true],
      ['eastus', 'eastus', 'managedEnvironments', true],
      ['westeurope', 'westeurope', 'managedEnvironments', true],
    ]);
    expect(origins[1]!.private_link.private_link_target_id).toMatch(/production-azure-eastus.*container_app_environment/);
  });

  it('serves the tier hostname with a managed certificate, TLS 1.2, HTTPS redirect and the guide cache rules', () => {
    expect(only(global, 'azurerm_cdn_frontdoor_custom_domain')).toMatchObject({
      host_name: 'mocks.example.com',
      tls: { certificate_type: 'ManagedCertificate', minimum_tls_version: 'TLS12' },
    });
    const routes: Record<string, Body> = Object.fromEntries(resourcesOf(global, 'azurerm_cdn_frontdoor_route').map((r) => [r.name, r]));
    expect(
      Object.fromEntries(
        Object.entries(routes).map(([k, r]) => [
          k,
          [r.patterns_to_match, r.https_redirect_enabled, r.forwarding_protocol, r.cache !== undefined],
        ]),
      ),
    ).toEqual({
      api: [['/*'], true, 'HttpsOnly', false],
      assets: [['/assets/*', '/static/*'], true, 'HttpsOnly', true],
      configs: [['/configs/*'], true, 'HttpsOnly', true],
    });
    const rules = Object.fromEntries(
      resourcesOf(global, 'azurerm_cdn_frontdoor_rule').map((r) => [r.name, r.actions.route_configuration_override_action]),
    );
    expect(rules).toEqual({
      assetsttl: {
        cache_behavior: 'OverrideIfOriginMissing',
        cache_duration: '1.00:00:00',
        query_string_caching_behavior: 'UseQueryString',
        compression_enabled: true,
      },
      configsttl: {
        cache_behavior: 'OverrideIfOriginMissing',
        cache_duration: '01:00:00',
        query_string_caching_behavior: 'UseQueryString',
        compression_enabled: true,
      },
    });
  });

  it('blocks with the default rule set and bot protection in prevention mode, rate-limits per IP, and admits every method and large bodies', () => {
    const waf = only(global, 'azurerm_cdn_frontdoor_firewall_policy');
    expect(waf).toMatchObject({ mode: 'Prevention', enabled: true, request_body_check_enabled: false, sku_name: 'Premium_AzureFrontDoor' });
    expect(waf.managed_rule).toEqual([
      {
        type: 'Microsoft_DefaultRuleSet',
        version: '2.1',
        action: 'Block',
        override: [{ rule_group_name: 'METHOD-ENFORCEMENT', rule: [{ rule_id: '911100', enabled: true, action: 'Log' }] }],
      },
      { type: 'Microsoft_BotManagerRuleSet', version: '1.1', action: 'Block' },
    ]);
    expect(waf.custom_rule).toEqual([
      {
        name: 'ratelimitperip',
        type: 'RateLimitRule',
        action: 'Block',
        enabled: true,
        priority: 100,
        rate_limit_duration_in_minutes: 1,
        rate_limit_threshold: 600,
        match_condition: [{ match_variable: 'SocketAddr', operator: 'IPMatch', match_values: ['0.0.0.0/0', '::/0'] }],
      },
    ]);
    expect(only(global, 'azurerm_cdn_frontdoor_security_policy').security_policies.firewall.association.patterns_to_match).toEqual(['/*']);
  });

  it('creates the tier DNS zone with an alias to Front Door and the certificate validation record', () => {
    expect(only(global, 'azurerm_dns_zone').name).toBe('mocks.example.com');
    expect(only(global, 'azurerm_dns_a_record')).toMatchObject({ name: '@', ttl: 300 });
    expect(only(global, 'azurerm_dns_txt_record').name).toBe('_dnsauth');
  });

  it('writes records into azure.dnsZoneId instead of creating a zone', () => {
    const zoneId =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dns/providers/Microsoft.Network/dnszones/example.com';
    const staging = synthTier('staging', {}, { azure: { dnsZoneId: zoneId } }).json['staging-azure-global']!;
    expect(resourcesOf(staging, 'azurerm_dns_zone')).toEqual([]);
    expect(only(staging, 'azurerm_dns_a_record')).toMatchObject({
      name: 'staging.mocks',
      zone_name: 'example.com',
      resource_group_name: 'dns',
    });
    // Single-region staging: the Container Apps domain verification record, beside the hostname.
    expect(only(staging, 'azurerm_dns_txt_record').name).toBe('asuid.staging.mocks');
    const fronted = synthTier('production', {}, { azure: { dnsZoneId: zoneId } }).json['production-azure-global']!;
    expect(only(fronted, 'azurerm_dns_a_record').name).toBe('mocks');
    expect(only(fronted, 'azurerm_dns_txt_record').name).toBe('_dnsauth.mocks');
  });

  it('tests /health/ready from three locations every 5 minutes and alerts when two fail', () => {
    expect(only(global, 'azurerm_application_insights_standard_web_test')).toMatchObject({
      request: { url: 'https://mocks.example.com/health/ready', http_verb: 'GET' },
      frequency: 300,
      timeout: 30,
      geo_locations: ['us-va-ash-azr', 'emea-nl-ams-azr', 'apac-sg-sin-azr'],
      validation_rules: { expected_status_code: 200, ssl_check_enabled: true },
    });
    const alert = only(global, 'azurerm_monitor_metric_alert');
    expect(alert.application_insights_web_test_location_availability_criteria.failed_location_count).toBe(2);
    // The guide's 10 minutes, in the next window Azure Monitor accepts (PT10M is not one).
    expect(alert.window_size).toBe('PT15M');
    expect([alert.severity, alert.description]).toEqual([1, 'Availability below 99 % (availability test from 3 locations)']);
    expect(only(global, 'azurerm_monitor_diagnostic_setting').target_resource_id).toBe(
      '${azurerm_cdn_frontdoor_profile.edge_profile_D8DF98D9.id}',
    );
  });

  it('keeps configs and state in a geo-redundant, versioned storage account with 90-day soft delete and no shared keys', () => {
    expect(only(global, 'azurerm_storage_account')).toMatchObject({
      account_replication_type: 'GRS',
      min_tls_version: 'TLS1_2',
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: false,
      blob_properties: { versioning_enabled: true, delete_retention_policy: { days: 90 }, container_delete_retention_policy: { days: 90 } },
    });
    expect(only(global, 'azurerm_storage_account').name).toMatch(/^mfprodst[0-9a-f]{6}$/);
  });

  it('links the regions’ Managed Redis databases for active geo-replication', () => {
    const link = only(global, 'azurerm_managed_redis_geo_replication');
    expect(link.managed_redis_id).toMatch(/production-azure-eastus/);
    expect(link.linked_managed_redis_ids).toHaveLength(2);
    expect(resourcesOf(synthTier('staging').json['staging-azure-global'], 'azurerm_managed_redis_geo_replication')).toEqual([]);
  });
});
