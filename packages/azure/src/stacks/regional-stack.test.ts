import { only, resourcesOf, synthTier, type Body, type StackJson } from '../testing/fixtures';

/** A generated value of the primary's credentials, as an expression (no `${}`). */
const GENERATED = (key: string) => `sensitive(terraform_data.credentials_generated_6044A84B.output["${key}"])`;
/** The primary's state, as a secondary reads it. */
const PRIMARY_STATE = 'data.terraform_remote_state.cross-stack-reference-input-production-azure-eastus.outputs.cross-stack-output-';

describe('the Azure regional stack', () => {
  const production = synthTier('production');
  const primary = production.json['production-azure-eastus']!;
  const secondary = production.json['production-azure-westeurope']!;
  const dev = synthTier('dev').json['dev-azure-eastus']!;

  it('puts every resource in the tier and region resource group, with the standard tags', () => {
    expect(only(primary, 'azurerm_resource_group')).toMatchObject({ name: 'mockforge-production-eastus', location: 'eastus' });
    expect(only(primary, 'azurerm_virtual_network').tags).toEqual({
      app: 'mockforge',
      tier: 'production',
      cloud: 'azure',
      region: 'eastus',
      'managed-by': 'cdktf',
    });
  });

  it('builds the VNet from the tier plan, with delegated apps and PostgreSQL subnets and no default outbound access', () => {
    expect(only(primary, 'azurerm_virtual_network').address_space).toEqual(['10.56.0.0/16']);
    const subnets: Record<string, Body> = Object.fromEntries(resourcesOf(primary, 'azurerm_subnet').map((s) => [s.name, s]));
    expect(Object.fromEntries(Object.entries(subnets).map(([k, s]) => [k, s.address_prefixes]))).toEqual({
      apps: ['10.56.0.0/20'],
      endpoints: ['10.56.32.0/24'],
      postgres: ['10.56.33.0/24'],
    });
    expect(subnets.apps!.delegation[0].service_delegation.name).toBe('Microsoft.App/environments');
    expect(subnets.postgres!.delegation[0].service_delegation.name).toBe('Microsoft.DBforPostgreSQL/flexibleServers');
    expect(Object.values(subnets).map((s) => s.default_outbound_access_enabled)).toEqual([false, false, false]);
    expect(resourcesOf(primary, 'azurerm_subnet_nat_gateway_association')).toHaveLength(1);
    expect(resourcesOf(primary, 'azurerm_private_dns_zone').map((z) => z.name)).toEqual([
      'privatelink.vaultcore.azure.net',
      'mockforge-production-eastus.private.postgres.database.azure.com',
      'privatelink.redis.azure.net',
    ]);
    expect(resourcesOf(primary, 'azurerm_private_dns_zone_virtual_network_link')).toHaveLength(3);
  });

  it('carries the guide network policy in the workload NSG', () => {
    const nsg = resourcesOf(primary, 'azurerm_network_security_group').find((n) => n.name === 'mockforge-production-eastus-workload')!;
    const rules = Object.fromEntries(
      nsg.security_rule.map((r: any) => [r.name, [r.direction, r.access, r.destination_port_ranges ?? r.destination_port_range]]),
    );
    expect(rules).toEqual({
      'internal-ingress': ['Inbound', 'Allow', ['3000', '9080']],
      'load-balancer-ingress': ['Inbound', 'Allow', ['443', '80']],
      'azure-load-balancer-probes': ['Inbound', 'Allow', '*'],
      'deny-internet-ingress': ['Inbound', 'Deny', '*'],
      'internet-egress': ['Outbound', 'Allow', ['443', '80', '53']],
      'deny-internet-egress': ['Outbound', 'Deny', '*'],
    });
  });

  it('mirrors ghcr.io through a per-tier cache rule pulled by the managed identity', () => {
    expect(only(primary, 'azurerm_container_registry')).toMatchObject({
      admin_enabled: false,
      anonymous_pull_enabled: false,
      sku: 'Standard',
    });
    expect(only(primary, 'azurerm_container_registry_cache_rule')).toMatchObject({
      name: 'ghcr-production',
      source_repo: 'ghcr.io/saasy-solutions/mockforge',
      target_repo: 'saasy-solutions/mockforge',
    });
    expect(resourcesOf(primary, 'azurerm_role_assignment').map((r) => r.role_definition_name)).toEqual(
      expect.arrayContaining(['AcrPull', 'Key Vault Secrets User', 'Key Vault Secrets Officer']),
    );
  });

  it('runs a zone-redundant, internal Container Apps environment logging to Log Analytics', () => {
    expect(only(primary, 'azurerm_container_app_environment')).toMatchObject({
      internal_load_balancer_enabled: true,
      public_network_access: 'Disabled',
      zone_redundancy_enabled: true,
      logs_destination: 'log-analytics',
      workload_profile: [{ name: 'Consumption', workload_profile_type: 'Consumption' }],
    });
    expect(only(dev, 'azurerm_container_app_environment').zone_redundancy_enabled).toBe(false);
    expect(Object.values(primary.resource.azurerm_container_app_environment!)[0]!.depends_on).toEqual([
      'azurerm_subnet_network_security_group_association.network_apps-nsg-association_2B79F868',
      'azurerm_subnet_nat_gateway_association.network_apps-nat-association_33DDE89F',
    ]);
  });

  it('runs the pinned image with serve --config, the guide probes, replicas and scale rules', () => {
    const app = only(primary, 'azurerm_container_app');
    const [mockforge] = app.template.container;
    expect(mockforge.args).toEqual(['serve', '--admin', '--config', '/etc/mockforge/mockforge.yaml']);
    expect([mockforge.cpu, mockforge.memory]).toEqual([3.75, '7.5Gi']);
    expect(mockforge.image).toBe(
      '${azurerm_container_registry.images_registry_902022CE.login_server}/${azurerm_container_registry_cache_rule.images_ghcr-cache_926B8620.target_repo}:0.3.213',
    );
    expect(mockforge.startup_probe[0]).toEqual({
      transport: 'HTTP',
      port: 3000,
      path: '/health/startup',
      interval_seconds: 5,
      timeout: 2,
      failure_count_threshold: 30,
    });
    expect(mockforge.liveness_probe[0]).toEqual({
      transport: 'HTTP',
      port: 3000,
      path: '/health/live',
      interval_seconds: 30,
      timeout: 5,
      failure_count_threshold: 3,
    });
    expect(mockforge.readiness_probe[0]).toMatchObject({
      path: '/health/ready',
      interval_seconds: 10,
      timeout: 3,
      success_count_threshold: 1,
    });
    expect(mockforge.volume_mounts[0]).toEqual({ name: 'config', path: '/etc/mockforge/mockforge.yaml', sub_path: 'mockforge-config' });
    expect(app.template).toMatchObject({
      min_replicas: 5,
      max_replicas: 100,
      cooldown_period_in_seconds: 300,
      termination_grace_period_seconds: 60,
    });
    expect(app.template.http_scale_rule).toEqual([{ name: 'http-concurrency', concurrent_requests: '64' }]);
    expect(app.template.custom_scale_rule).toEqual([
      { name: 'cpu', custom_rule_type: 'cpu', metadata: { type: 'Utilization', value: '70' } },
      { name: 'memory', custom_rule_type: 'memory', metadata: { type: 'Utilization', value: '80' } },
    ]);
    expect(app.ingress).toMatchObject({ external_enabled: true, target_port: 3000, allow_insecure_connections: false });
    const devTemplate = only(dev, 'azurerm_container_app').template;
    expect(devTemplate.min_replicas).toBe(0);
    // CPU and memory scalers never scale to zero; dev scales on HTTP only.
    expect(devTemplate.http_scale_rule).toEqual([{ name: 'http-concurrency', concurrent_requests: '64' }]);
    expect(devTemplate.custom_scale_rule).toBeUndefined();
  });

  it('reads every secret from Key Vault through the managed identity; none is plain text', () => {
    const app = only(primary, 'azurerm_container_app');
    const fromVault = app.secret.filter((s: any) => s.key_vault_secret_id).map((s: any) => s.name);
    expect(fromVault).toEqual([
      'database-url',
      'redis-url',
      'mockforge-admin-jwt-secret',
      'mockforge-admin-username',
      'mockforge-admin-password',
    ]);
    for (const s of app.secret.filter((x: any) => x.key_vault_secret_id))
      expect(s.identity).toBe('${azurerm_user_assigned_identity.images_identity_5431FE45.id}');
    const env = app.template.container[0].env.filter((e: any) => e.name === 'DATABASE_URL');
    expect(env).toEqual([{ name: 'DATABASE_URL', secret_name: 'database-url' }]);
    expect(resourcesOf(primary, 'azurerm_key_vault_secret').find((x) => x.name === 'database-url')!.value).toBe(
      `postgresql://mockforge_admin:\${urlencode(${GENERATED('database_password')})}@\${azurerm_postgresql_flexible_server.database_server_8BFC5013.fqdn}:5432/mockforge?sslmode=require`,
    );
    expect(resourcesOf(dev, 'azurerm_key_vault_secret').map((s) => s.name)).not.toContain('redis-url');
  });

  it('keeps Key Vault private with RBAC, purge protection and 90 days of soft delete', () => {
    expect(only(primary, 'azurerm_key_vault')).toMatchObject({
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
      public_network_access_enabled: false,
      network_acls: { default_action: 'Deny', bypass: 'AzureServices' },
    });
    expect(resourcesOf(primary, 'azurerm_private_endpoint').map((e) => e.private_service_connection.subresource_names)).toEqual([
      ['redisEnterprise'],
      ['vault'],
    ]);
    expect(only(dev, 'azurerm_key_vault').public_network_access_enabled).toBe(true);
  });

  it('runs PostgreSQL privately with zone-redundant HA, Entra ID, TLS 1.2 and 30 days of geo-redundant backups', () => {
    expect(only(primary, 'azurerm_postgresql_flexible_server')).toMatchObject({
      version: '16',
      sku_name: 'GP_Standard_D4ds_v5',
      public_network_access_enabled: false,
      high_availability: { mode: 'ZoneRedundant', standby_availability_zone: '2' },
      authentication: { active_directory_auth_enabled: true, password_auth_enabled: true },
      backup_retention_days: 30,
      geo_redundant_backup_enabled: true,
      maintenance_window: { day_of_week: 0, start_hour: 4, start_minute: 0 },
      administrator_password: `\${${GENERATED('database_password')}}`,
      // Like the DATABASE_URL written from it, the password keeps its first value.
      lifecycle: { ignore_changes: ['zone', 'high_availability[0].standby_availability_zone', 'administrator_password'] },
    });
    const parameters = Object.fromEntries(
      resourcesOf(primary, 'azurerm_postgresql_flexible_server_configuration').map((c) => [c.name, c.value]),
    );
    expect(parameters).toMatchObject({ require_secure_transport: 'on', ssl_min_protocol_version: 'TLSv1.2' });
  });

  it('makes the other regions read replicas carrying no HA, login or backup settings', () => {
    const replica = only(secondary, 'azurerm_postgresql_flexible_server');
    expect(replica.create_mode).toBe('Replica');
    expect(replica.source_server_id).toMatch(/production-azure-eastus.*database_server_8BFC5013id/);
    for (const key of [
      'high_availability',
      'administrator_password',
      'backup_retention_days',
      'geo_redundant_backup_enabled',
      'authentication',
    ])
      expect(replica[key]).toBeUndefined();
    expect(resourcesOf(secondary, 'azurerm_postgresql_flexible_server_configuration')).toEqual([]);
    expect(resourcesOf(secondary, 'azurerm_virtual_network_peering').map((p) => p.name)).toEqual(['to-westeurope', 'to-eastus']);
  });

  it('resolves the primary server from other regions: its private zone is linked to their VNet, and the replica waits for the peerings', () => {
    const links = resourcesOf(secondary, 'azurerm_private_dns_zone_virtual_network_link');
    const toPrimaryZone = links.filter((l) => String(l.private_dns_zone_name).includes('production-azure-eastus'));
    expect(toPrimaryZone).toHaveLength(1);
    const remote = '${data.terraform_remote_state.cross-stack-reference-input-production-azure-eastus.outputs.cross-stack-output-';
    expect(toPrimaryZone[0]).toMatchObject({
      name: 'mockforge-production-westeurope',
      private_dns_zone_name: `${remote}azurerm_private_dns_zonenetwork_postgres-dns_58694ED2name}`,
      resource_group_name: `${remote}azurerm_resource_groupresource-groupname}`,
      virtual_network_id: '${azurerm_virtual_network.network_vnet_BCBC8A9D.id}',
    });
    const replica = Object.values(secondary.resource.azurerm_postgresql_flexible_server!)[0]!;
    expect(replica.depends_on).toEqual([
      'azurerm_private_dns_zone_virtual_network_link.network_postgres-dns-link_7F29036C',
      'azurerm_subnet.network_postgres-subnet_74C602A3',
      'azurerm_virtual_network_peering.to-primary',
      'azurerm_virtual_network_peering.from-primary',
    ]);
    expect(resourcesOf(primary, 'azurerm_private_dns_zone_virtual_network_link')).toHaveLength(3);
  });

  it('runs Azure Managed Redis with HA, TLS only, a private endpoint and the tier geo-replication group', () => {
    expect(only(primary, 'azurerm_managed_redis')).toMatchObject({
      sku_name: 'Balanced_B5',
      high_availability_enabled: true,
      public_network_access: 'Disabled',
      default_database: {
        client_protocol: 'Encrypted',
        clustering_policy: 'EnterpriseCluster',
        eviction_policy: 'NoEviction',
        geo_replication_group_name: 'mockforge-production-redis',
      },
    });
    const staging = synthTier('staging').json['staging-azure-eastus']!;
    expect(only(staging, 'azurerm_managed_redis').default_database.persistence_redis_database_backup_frequency).toBe('1h');
    expect(resourcesOf(dev, 'azurerm_managed_redis')).toEqual([]);
    const redisUrl = resourcesOf(primary, 'azurerm_key_vault_secret').find((s) => s.name === 'redis-url')!.value;
    expect(redisUrl).toBe(
      'rediss://:${azurerm_managed_redis.cache_redis_F9D2CAF5.default_database[0].primary_access_key}@${azurerm_managed_redis.cache_redis_F9D2CAF5.hostname}:${azurerm_managed_redis.cache_redis_F9D2CAF5.default_database[0].port}',
    );
  });

  it("describes the environment as Front Door's private link target and keeps Front Door in the load balancer rule", () => {
    expect(primary.output!.container_app_environment_id.description).toBe('Front Door private link target');
    expect(primary.output!.container_app_fqdn.description).toBe('Internal FQDN of the latest revision');
    const nsg = resourcesOf(primary, 'azurerm_network_security_group').find((n) => n.name === 'mockforge-production-eastus-workload')!;
    expect(nsg.security_rule.find((r: Body) => r.name === 'load-balancer-ingress')).toMatchObject({
      description: 'HTTPS and HTTP from the internal load balancer and Front Door private link, inside the VNet',
      destination_port_ranges: ['443', '80'],
    });
    expect(nsg.security_rule.map((r: Body) => r.name)).not.toContain('public-ingress');
  });

  it('alerts on the guide four conditions to the action group', () => {
    expect(only(primary, 'azurerm_monitor_action_group').email_receiver).toEqual([
      { name: 'oncall', email_address: 'oncall@example.com', use_common_alert_schema: true },
    ]);
    const logAlerts = resourcesOf(primary, 'azurerm_monitor_scheduled_query_rules_alert_v2').map((a) => [
      a.name,
      a.window_duration,
      a.criteria[0].operator,
      a.criteria[0].threshold,
      a.severity,
    ]);
    expect(logAlerts).toEqual([
      ['mockforge-production-eastus-high-error-rate', 'PT5M', 'GreaterThan', 0.05, 1],
      ['mockforge-production-eastus-high-latency', 'PT5M', 'GreaterThan', 1000, 2],
      ['mockforge-production-eastus-low-availability', 'PT10M', 'LessThan', 0.99, 1],
    ]);
    // The queries name Log Analytics tables, so they run on the workspace.
    expect(resourcesOf(primary, 'azurerm_monitor_scheduled_query_rules_alert_v2').map((a) => a.scopes)).toEqual([
      ['${azurerm_log_analytics_workspace.monitoring_workspace_4A3C9399.id}'],
      ['${azurerm_log_analytics_workspace.monitoring_workspace_4A3C9399.id}'],
      ['${azurerm_log_analytics_workspace.monitoring_workspace_4A3C9399.id}'],
    ]);
    // Only the primary's Application Insights receives the availability test.
    expect(resourcesOf(secondary, 'azurerm_monitor_scheduled_query_rules_alert_v2').map((a) => a.name)).toEqual([
      'mockforge-production-westeurope-high-error-rate',
      'mockforge-production-westeurope-high-latency',
    ]);
    expect(only(primary, 'azurerm_monitor_metric_alert').criteria).toEqual([
      {
        metric_namespace: 'Microsoft.App/containerApps',
        metric_name: 'MemoryPercentage',
        aggregation: 'Average',
        operator: 'GreaterThan',
        threshold: 90,
      },
    ]);
    expect(only(primary, 'azurerm_application_insights')).toMatchObject({ sampling_percentage: 10, retention_in_days: 365 });
    // The cache, the server and Key Vault; the Container Apps environment logs to the workspace itself.
    expect(resourcesOf(primary, 'azurerm_monitor_diagnostic_setting').map((d) => d.target_resource_id)).toEqual([
      '${azurerm_managed_redis.cache_redis_F9D2CAF5.id}',
      '${azurerm_postgresql_flexible_server.database_server_8BFC5013.id}',
      '${azurerm_key_vault.secrets_vault_97F902B8.id}',
    ]);
  });

  it('backs the database up weekly on Sunday into a locked, geo-redundant vault, clear of its own backup and maintenance windows', () => {
    expect(only(primary, 'azurerm_data_protection_backup_vault')).toMatchObject({
      redundancy: 'GeoRedundant',
      immutability: 'Locked',
      soft_delete: 'On',
    });
    expect(only(primary, 'azurerm_data_protection_backup_policy_postgresql_flexible_server')).toMatchObject({
      name: 'weekly',
      backup_repeating_time_intervals: ['R/2024-01-07T05:00:00+00:00/P1W'],
      default_retention_rule: { life_cycle: [{ data_store_type: 'VaultStore', duration: 'P30D' }] },
    });
    expect(resourcesOf(secondary, 'azurerm_data_protection_backup_vault')).toEqual([]);
  });
});

describe('the Azure generated credentials', () => {
  const production = synthTier('production');
  const primary = production.json['production-azure-eastus']!;
  const secondaries = ['westeurope', 'centralindia'].map((r) => production.json[`production-azure-${r}`]!);
  const secret = (stack: StackJson, name: string) => resourcesOf(stack, 'azurerm_key_vault_secret').find((s) => s.name === name)!;
  const fromPrimary = (key: string) => `\${sensitive(${PRIMARY_STATE}terraform_datacredentials_generated_6044A84Boutput${key})}`;

  it('generates the admin credentials and the PostgreSQL password once, in the primary, and keeps the first values', () => {
    const credentials = primary.resource.terraform_data!.credentials_generated_6044A84B!;
    expect({ input: credentials.input, lifecycle: credentials.lifecycle }).toEqual({
      input: {
        jwt_secret: '${sensitive(replace(join("", [uuid(), uuid()]), "-", ""))}',
        username: 'mockforge',
        password: '${sensitive(replace(join("", [uuid()]), "-", ""))}',
        // Flexible Server's three character classes: uppercase, lowercase and digits.
        database_password: '${sensitive(join("", ["Mf0", replace(join("", [uuid()]), "-", "")]))}',
      },
      lifecycle: { ignore_changes: ['input'], prevent_destroy: true },
    });
    expect(Object.keys(primary.resource.terraform_data!)).toEqual(['credentials_generated_6044A84B']);
    for (const stack of secondaries) expect(stack.resource.terraform_data).toBeUndefined();
  });

  it('generates the database password name in dev too, which has no database', () => {
    const dev = synthTier('dev').json['dev-azure-eastus']!;
    expect(Object.keys(dev.resource.terraform_data!.credentials_generated_6044A84B!.input).sort()).toEqual([
      'database_password',
      'jwt_secret',
      'password',
      'username',
    ]);
    expect(resourcesOf(dev, 'azurerm_key_vault_secret').map((s) => s.name)).not.toContain('database-url');
  });

  it.each([
    ['mockforge-admin-jwt-secret', 'jwt_secret'],
    ['mockforge-admin-username', 'username'],
    ['mockforge-admin-password', 'password'],
  ])('writes %s from the generated %s in the primary and from its state elsewhere, keeping the first value', (name, key) => {
    expect(secret(primary, name)).toMatchObject({ value: `\${${GENERATED(key)}}`, lifecycle: { ignore_changes: ['value'] } });
    for (const stack of secondaries)
      expect(secret(stack, name)).toMatchObject({ value: fromPrimary(key), lifecycle: { ignore_changes: ['value'] } });
  });

  it("builds every region's DATABASE_URL from the generated password, percent-encoded, and the primary server", () => {
    expect(secret(primary, 'database-url')).toMatchObject({
      value: `postgresql://mockforge_admin:\${urlencode(${GENERATED('database_password')})}@\${azurerm_postgresql_flexible_server.database_server_8BFC5013.fqdn}:5432/mockforge?sslmode=require`,
      lifecycle: { ignore_changes: ['value'] },
    });
    for (const stack of secondaries)
      expect(secret(stack, 'database-url')).toMatchObject({
        value: `postgresql://mockforge_admin:\${urlencode(sensitive(${PRIMARY_STATE}terraform_datacredentials_generated_6044A84Boutputdatabase_password))}@\${${PRIMARY_STATE}azurerm_postgresql_flexible_serverdatabase_server_8BFC5013fqdn}:5432/mockforge?sslmode=require`,
        lifecycle: { ignore_changes: ['value'] },
      });
  });

  it("lets REDIS_URL follow the cache's access key", () => {
    for (const stack of [primary, ...secondaries]) expect(secret(stack, 'redis-url').lifecycle).toBeUndefined();
  });

  it('exports the generated values from the primary as sensitive outputs only', () => {
    const outputs = Object.entries(primary.output!).filter(([name]) => name.includes('terraform_data'));
    expect(Object.fromEntries(outputs)).toEqual(
      Object.fromEntries(
        ['database_password', 'jwt_secret', 'password', 'username'].map((key) => [
          `cross-stack-output-terraform_datacredentials_generated_6044A84Boutput${key}`,
          { value: `\${terraform_data.credentials_generated_6044A84B.output["${key}"]}`, sensitive: true },
        ]),
      ),
    );
  });

  it.each([
    ['dev', {}],
    ['staging', {}],
    ['production', {}],
    ['production', { compute: { azure: 'aks' as const } }],
  ])('declares no variable in any %s stack (%j)', (tier, changes) => {
    const { json } = synthTier(tier as 'dev' | 'staging' | 'production', changes);
    expect(Object.entries(json).filter(([, stack]) => (stack as Body).variable !== undefined)).toEqual([]);
  });
});
