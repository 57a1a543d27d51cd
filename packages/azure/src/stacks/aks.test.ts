import { only, resourcesOf, synthTier } from '../testing/fixtures';

describe('AKS (compute.azure: aks)', () => {
  const { json } = synthTier('production', { compute: { azure: 'aks' } });
  const regional = json['production-azure-eastus']!;
  const workload = json['production-azure-eastus-workload']!;
  const global = json['production-azure-global']!;

  it('runs a private, Standard-tier cluster with Entra ID RBAC, workload identity, Cilium overlay and upgrade channels', () => {
    expect(only(regional, 'azurerm_kubernetes_cluster')).toMatchObject({
      sku_tier: 'Standard',
      private_cluster_enabled: true,
      local_account_disabled: true,
      role_based_access_control_enabled: true,
      azure_active_directory_role_based_access_control: { azure_rbac_enabled: true },
      workload_identity_enabled: true,
      oidc_issuer_enabled: true,
      automatic_upgrade_channel: 'patch',
      node_os_upgrade_channel: 'NodeImage',
      network_profile: {
        network_plugin: 'azure',
        network_plugin_mode: 'overlay',
        network_data_plane: 'cilium',
        network_policy: 'cilium',
        outbound_type: 'userAssignedNATGateway',
      },
      key_vault_secrets_provider: { secret_rotation_enabled: true },
      web_app_routing: { default_nginx_controller: 'Internal', dns_zone_ids: [] },
      default_node_pool: {
        zones: ['1', '2', '3'],
        auto_scaling_enabled: true,
        min_count: 3,
        max_count: 10,
        only_critical_addons_enabled: true,
      },
    });
    expect(only(regional, 'azurerm_kubernetes_cluster').monitor_metrics).toEqual({});
    expect(only(regional, 'azurerm_kubernetes_cluster_node_pool')).toMatchObject({
      mode: 'User',
      vm_size: 'Standard_D8s_v5',
      zones: ['1', '2', '3'],
      auto_scaling_enabled: true,
      min_count: 3,
      max_count: 13,
    });
    expect(
      synthTier('staging', { compute: { azure: 'aks' } }).json['staging-azure-eastus']!.resource.azurerm_kubernetes_cluster,
    ).toBeDefined();
  });

  it('gives the applying identity the Kubernetes data-plane role it needs with local accounts off', () => {
    const admin = resourcesOf(regional, 'azurerm_role_assignment').filter(
      (r) => r.role_definition_name === 'Azure Kubernetes Service RBAC Cluster Admin',
    );
    expect(admin).toEqual([
      {
        role_definition_name: 'Azure Kubernetes Service RBAC Cluster Admin',
        scope: '${azurerm_kubernetes_cluster.aks_cluster_D4B35EC5.id}',
        principal_id: '${data.azurerm_client_config.client.object_id}',
      },
    ]);
  });

  it('creates the cluster once its subnet has the NSG and NAT gateway, on a subnet whose Private Link policies stay off', () => {
    expect(Object.values(regional.resource.azurerm_kubernetes_cluster!)[0]!.depends_on).toEqual([
      'azurerm_subnet_network_security_group_association.network_aks-nsg-association_AB859479',
      'azurerm_subnet_nat_gateway_association.network_aks-nat-association_19FE517A',
    ]);
    const subnets = resourcesOf(regional, 'azurerm_subnet');
    expect(subnets.map((s) => [s.name, s.private_link_service_network_policies_enabled])).toEqual([
      ['aks', false],
      ['endpoints', undefined],
      ['postgres', undefined],
    ]);
    // Every NSG is on a subnet.
    expect(resourcesOf(regional, 'azurerm_network_security_group').map((n) => n.name)).toEqual([
      'mockforge-production-eastus-aks',
      'mockforge-production-eastus-endpoints',
      'mockforge-production-eastus-postgres',
    ]);
    expect(resourcesOf(regional, 'azurerm_subnet_network_security_group_association')).toHaveLength(3);
  });

  it('sends managed Prometheus to an Azure Monitor workspace and Container Insights to Log Analytics through data collection rules', () => {
    expect(only(regional, 'azurerm_monitor_workspace').name).toBe('mockforge-production-eastus');
    expect(only(regional, 'azurerm_monitor_data_collection_endpoint')).toMatchObject({
      name: 'mockforge-production-eastus-aks',
      kind: 'Linux',
    });
    const rules = Object.fromEntries(resourcesOf(regional, 'azurerm_monitor_data_collection_rule').map((r) => [r.name, r]));
    expect(rules['mockforge-production-eastus-prometheus']).toMatchObject({
      kind: 'Linux',
      destinations: { monitor_account: [{ name: 'prometheus' }] },
      data_flow: [{ streams: ['Microsoft-PrometheusMetrics'], destinations: ['prometheus'] }],
      data_sources: { prometheus_forwarder: [{ name: 'prometheus', streams: ['Microsoft-PrometheusMetrics'] }] },
    });
    const insights = rules['mockforge-production-eastus-container-insights']!;
    expect(insights.destinations.log_analytics[0].name).toBe('workspace');
    expect(insights.data_sources.extension[0]).toMatchObject({ extension_name: 'ContainerInsights' });
    expect(insights.data_flow[0].streams).toContain('Microsoft-ContainerLogV2');
    const cluster = '${azurerm_kubernetes_cluster.aks_cluster_D4B35EC5.id}';
    expect(
      resourcesOf(regional, 'azurerm_monitor_data_collection_rule_association').map((a) => [
        a.name,
        a.target_resource_id,
        a.data_collection_endpoint_id === undefined,
      ]),
    ).toEqual([
      ['configurationAccessEndpoint', cluster, false],
      ['mockforge-production-eastus-container-insights', cluster, true],
      ['mockforge-production-eastus-prometheus', cluster, true],
    ]);
  });

  it('opens the API server only to azure.aksAuthorizedCidrs when given', () => {
    const open = synthTier('staging', { compute: { azure: 'aks' } }, { azure: { aksAuthorizedCidrs: ['203.0.113.0/24'] } });
    expect(only(open.json['staging-azure-eastus'], 'azurerm_kubernetes_cluster')).toMatchObject({
      private_cluster_enabled: false,
      api_server_access_profile: { authorized_ip_ranges: ['203.0.113.0/24'] },
      sku_tier: 'Free',
    });
  });

  it('uses the application routing add-on ingress class with its namespace, and signs in with kubelogin', () => {
    const ingress = only(workload, 'kubernetes_ingress_v1');
    expect(ingress.spec.ingress_class_name).toBe('webapprouting.kubernetes.azure.com');
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']).toBe('3600');
    expect(JSON.stringify(workload.resource.kubernetes_network_policy_v1)).toContain('"app-routing-system"');
    const provider = (workload as any).provider.kubernetes[0];
    expect(provider.exec[0]).toEqual({
      api_version: 'client.authentication.k8s.io/v1beta1',
      command: 'kubelogin',
      args: ['get-token', '--login', 'azurecli', '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630'],
    });
    expect(resourcesOf(workload, 'kubernetes_manifest').map((m) => m.manifest.kind)).toEqual(['PodMonitor']);
  });

  const alertAction = [{ action_group_id: '${azurerm_monitor_action_group.monitoring_action-group_413EB3A3.id}' }];
  const ns = 'namespace="mockforge"';

  it("evaluates the guide's four alerts over this cluster's series in the Azure Monitor workspace, notifying the action group", () => {
    expect(only(regional, 'azurerm_monitor_alert_prometheus_rule_group')).toMatchObject({
      name: 'mockforge-production-eastus-alerts',
      location: 'eastus',
      scopes: ['${azurerm_monitor_workspace.aks_monitoring_prometheus-workspace_3DA9EB5B.id}'],
      cluster_name: 'mockforge-production-eastus',
      rule_group_enabled: true,
      interval: 'PT1M',
    });
    expect(only(regional, 'azurerm_monitor_alert_prometheus_rule_group').rule).toEqual([
      {
        alert: 'high_error_rate',
        expression: `(sum(rate(mockforge_requests_total{${ns},status=~"5.."}[300s])) / sum(rate(mockforge_requests_total{${ns}}[300s]))) > 0.05`,
        for: 'PT1M',
        severity: 1,
        labels: { severity: 'critical' },
        annotations: { summary: 'More than 5 % of requests fail with a server error' },
        enabled: true,
        action: alertAction,
      },
      {
        alert: 'high_latency',
        expression: `(histogram_quantile(0.95, sum by (le) (rate(mockforge_request_duration_seconds_bucket{${ns}}[300s]))) * 1000) > 1000`,
        for: 'PT1M',
        severity: 2,
        labels: { severity: 'warning' },
        annotations: { summary: 'p95 response time above 1000 ms' },
        enabled: true,
        action: alertAction,
      },
      {
        alert: 'low_availability',
        expression: `(1 - (sum(rate(mockforge_requests_total{${ns},status=~"5.."}[600s])) / sum(rate(mockforge_requests_total{${ns}}[600s])))) < 0.99`,
        for: 'PT1M',
        severity: 1,
        labels: { severity: 'critical' },
        annotations: { summary: 'Availability below 99 %' },
        enabled: true,
        action: alertAction,
      },
      {
        alert: 'high_memory_usage',
        expression: `(max by (pod) (container_memory_working_set_bytes{${ns},container="mockforge"}) / max by (pod) (container_spec_memory_limit_bytes{${ns},container="mockforge"} > 0)) > 0.9`,
        for: 'PT5M',
        severity: 2,
        labels: { severity: 'warning' },
        annotations: { summary: 'Memory use above 90 % of the limit' },
        enabled: true,
        action: alertAction,
      },
    ]);
  });

  it('has the managed Prometheus add-on scrape the metrics port and keep the container memory limit', () => {
    expect(only(workload, 'kubernetes_manifest')).toEqual({
      depends_on: ['kubernetes_namespace_v1.workload_namespace_A28E5B47'],
      manifest: {
        apiVersion: 'azmonitoring.coreos.com/v1',
        kind: 'PodMonitor',
        metadata: { name: 'mockforge', namespace: 'mockforge', labels: { 'app.kubernetes.io/name': 'mockforge' } },
        spec: {
          selector: { matchLabels: { 'app.kubernetes.io/name': 'mockforge' } },
          podMetricsEndpoints: [{ port: 'metrics', path: '/metrics', interval: '30s' }],
        },
      },
    });
    const settings = resourcesOf(workload, 'kubernetes_config_map_v1').find((c) => c.metadata.name === 'ama-metrics-settings-configmap')!;
    expect(settings).toEqual({
      metadata: { name: 'ama-metrics-settings-configmap', namespace: 'kube-system', labels: { 'app.kubernetes.io/name': 'mockforge' } },
      data: {
        'schema-version': 'v1',
        'config-version': 'ver1',
        'default-targets-metrics-keep-list': 'cadvisor = "container_spec_memory_limit_bytes"\nminimalingestionprofile = true',
      },
    });
    // The add-on's collectors run in kube-system: only they (and the admin range) reach the metrics port.
    const server = resourcesOf(workload, 'kubernetes_network_policy_v1').find((p) => p.metadata.name === 'mockforge-server')!;
    expect(server.spec.ingress.find((rule: any) => rule.ports[0].port === '9090').from).toEqual([
      { namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'kube-system' } } },
    ]);
  });

  it('leaves the alerts and the scrape to the Prometheus Operator with kubernetes.prometheusOperator', () => {
    const operator = synthTier('production', { compute: { azure: 'aks' } }, { kubernetes: { prometheusOperator: true } });
    expect(resourcesOf(operator.json['production-azure-eastus'], 'azurerm_monitor_alert_prometheus_rule_group')).toEqual([]);
    const w = operator.json['production-azure-eastus-workload']!;
    expect(resourcesOf(w, 'kubernetes_manifest').map((m) => [m.manifest.apiVersion, m.manifest.kind])).toEqual([
      ['monitoring.coreos.com/v1', 'PrometheusRule'],
      ['monitoring.coreos.com/v1', 'ServiceMonitor'],
    ]);
    expect(resourcesOf(w, 'kubernetes_config_map_v1').map((c) => c.metadata.name)).toEqual(['mockforge']);
  });

  it('fills the workload Secret from the region Key Vault and exposes the pods to Front Door through a Private Link Service', () => {
    expect(only(workload, 'kubernetes_secret_v1').data).toEqual({
      DATABASE_URL: '${data.azurerm_key_vault_secret.secret-database-url.value}',
      REDIS_URL: '${data.azurerm_key_vault_secret.secret-redis-url.value}',
      MOCKFORGE_ADMIN_JWT_SECRET: '${data.azurerm_key_vault_secret.secret-mockforge-admin-jwt-secret.value}',
      MOCKFORGE_ADMIN_USERNAME: '${data.azurerm_key_vault_secret.secret-mockforge-admin-username.value}',
      MOCKFORGE_ADMIN_PASSWORD: '${data.azurerm_key_vault_secret.secret-mockforge-admin-password.value}',
    });
    const edge = resourcesOf(workload, 'kubernetes_service_v1').find((s) => s.metadata.name === 'mockforge-edge')!;
    expect(edge.metadata.annotations).toEqual({
      'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
      'service.beta.kubernetes.io/azure-pls-create': 'true',
      'service.beta.kubernetes.io/azure-pls-name': 'mockforge-production-eastus-edge',
      'service.beta.kubernetes.io/azure-load-balancer-health-probe-protocol': 'http',
      'service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path': '/health/ready',
    });
    expect(edge.spec).toMatchObject({ type: 'LoadBalancer', external_traffic_policy: 'Local' });
    const origin = resourcesOf(global, 'azurerm_cdn_frontdoor_origin').find((o) => o.name === 'eastus')!;
    expect(origin.private_link.private_link_target_id).toBe(
      '/subscriptions/${data.azurerm_client_config.client.subscription_id}/resourceGroups/mockforge-production-eastus-aks-nodes/providers/Microsoft.Network/privateLinkServices/mockforge-production-eastus-edge',
    );
    expect(origin.private_link.target_type).toBeUndefined();
    expect(only(global, 'azurerm_cdn_frontdoor_origin_group').health_probe.protocol).toBe('Http');
  });

  it('runs the hybrid stateful pool on AKS beside Container Apps', () => {
    const hybrid = synthTier('production', { topology: 'hybrid' });
    expect(hybrid.stacks).toContain('production-azure-westeurope-workload');
    expect(resourcesOf(hybrid.json['production-azure-eastus'], 'azurerm_container_app')).toHaveLength(1);
    expect(resourcesOf(hybrid.json['production-azure-eastus-workload'], 'kubernetes_stateful_set_v1')).toHaveLength(1);
    expect(resourcesOf(hybrid.json['production-azure-eastus-workload'], 'kubernetes_service_v1').map((s) => s.metadata.name)).not.toContain(
      'mockforge-edge',
    );
  });

  it('in dev (no PostgreSQL) reads and passes no DATABASE_URL, and keeps the Managed Redis the network policy names', () => {
    const dev = synthTier('dev', { compute: { azure: 'aks' } });
    const workload = dev.json['dev-azure-eastus-workload']!;
    const data = (workload as typeof workload & { data: Record<string, Record<string, unknown>> }).data;
    expect(Object.keys(data.azurerm_key_vault_secret!).sort()).toEqual([
      'secret-mockforge-admin-jwt-secret',
      'secret-mockforge-admin-password',
      'secret-mockforge-admin-username',
      'secret-redis-url',
    ]);
    expect(Object.keys(only(workload, 'kubernetes_secret_v1').data)).not.toContain('DATABASE_URL');
    expect(resourcesOf(dev.json['dev-azure-eastus'], 'azurerm_postgresql_flexible_server')).toEqual([]);
    expect(resourcesOf(dev.json['dev-azure-eastus'], 'azurerm_managed_redis')).toHaveLength(1);
    expect(dev.policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});
