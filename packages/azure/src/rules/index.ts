import {
  attr,
  attrs,
  HEALTH_PATHS,
  PUBLIC_PORTS,
  SECRET_KEYS,
  type PolicyRule,
  type SynthesizedResource,
  type SynthesizedStack,
} from '@mockforge-infra/core';

const HEALTH_PREFIX = HEALTH_PATHS.readiness.replace(/[^/]+$/, '');
const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|CREDENTIAL|_URL$|API_KEY|CONNECTION_STRING)/;
const isProduction = (s: SynthesizedStack) => s.name.startsWith('production-');
const isOff = (value: unknown) => value === false;
const fail = (bad: boolean, message: string) => (bad ? message : undefined);

const PG = ['azurerm_postgresql_flexible_server'];
const REDIS = ['azurerm_managed_redis'];
const VAULT = ['azurerm_key_vault'];
const STORAGE = ['azurerm_storage_account'];
const AKS = ['azurerm_kubernetes_cluster'];
const WAF = ['azurerm_cdn_frontdoor_firewall_policy'];

/** A primary server (a replica inherits HA, login and backup settings from nothing it may set). */
const isReplica = (r: SynthesizedResource) => attr(r.attributes, 'create_mode') === 'Replica';

/** Azure rows of the policy reference that apply to what this package emits, with Checkov and Trivy ids. */
export const azureRules: readonly PolicyRule[] = [
  {
    id: 'CKV_AZURE_68',
    aliases: ['AVD-AZU-0022'],
    severity: 'error',
    description: 'PostgreSQL servers take no public network access and sit in a delegated subnet',
    resourceTypes: PG,
    check: (r) =>
      attr(r.attributes, 'public_network_access_enabled') !== false || !attr(r.attributes, 'delegated_subnet_id')
        ? 'public_network_access_enabled is not false, or no delegated_subnet_id'
        : undefined,
  },
  {
    id: 'MF_AZ_PG_1',
    severity: 'error',
    description: 'PostgreSQL servers have zone-redundant high availability',
    resourceTypes: PG,
    check: (r) => fail(attr(r.attributes, 'high_availability.mode') !== 'ZoneRedundant', 'high_availability.mode is not ZoneRedundant'),
  },
  {
    id: 'CKV_AZURE_136',
    severity: 'error',
    description: 'PostgreSQL servers keep geo-redundant backups in production',
    resourceTypes: PG,
    check: (r, s) =>
      fail(
        isProduction(s) && !isReplica(r) && attr(r.attributes, 'geo_redundant_backup_enabled') !== true,
        'geo_redundant_backup_enabled is not true',
      ),
  },
  {
    id: 'MF_AZ_PG_2',
    severity: 'error',
    description: 'PostgreSQL servers accept Entra ID authentication',
    resourceTypes: PG,
    check: (r) =>
      fail(
        !isReplica(r) && attr(r.attributes, 'authentication.active_directory_auth_enabled') !== true,
        'authentication.active_directory_auth_enabled is not true',
      ),
  },
  {
    id: 'CKV_AZURE_147',
    aliases: ['AVD-AZU-0024'],
    severity: 'error',
    description: 'PostgreSQL requires TLS 1.2 or later',
    resourceTypes: ['azurerm_postgresql_flexible_server_configuration'],
    check: (r) => {
      const name = attr(r.attributes, 'name');
      const value = attr(r.attributes, 'value');
      if (name === 'require_secure_transport') return fail(value !== 'on', 'require_secure_transport is not on');
      if (name === 'ssl_min_protocol_version')
        return fail(!['TLSv1.2', 'TLSv1.3'].includes(String(value)), `ssl_min_protocol_version is ${String(value)}`);
      return undefined;
    },
  },
  {
    id: 'CKV_AZURE_89',
    severity: 'error',
    description: 'Managed Redis takes no public network access',
    resourceTypes: REDIS,
    check: (r) => fail(attr(r.attributes, 'public_network_access') !== 'Disabled', 'public_network_access is not Disabled'),
  },
  {
    id: 'CKV_AZURE_91',
    aliases: ['AVD-AZU-0041'],
    severity: 'error',
    description: 'Managed Redis accepts TLS connections only',
    resourceTypes: REDIS,
    check: (r) =>
      fail(
        (attr(r.attributes, 'default_database.client_protocol') ?? 'Encrypted') !== 'Encrypted',
        'default_database.client_protocol is not Encrypted',
      ),
  },
  {
    id: 'MF_AZ_REDIS_1',
    severity: 'error',
    description: 'Managed Redis is highly available in production',
    resourceTypes: REDIS,
    check: (r, s) => fail(isProduction(s) && isOff(attr(r.attributes, 'high_availability_enabled')), 'high_availability_enabled is false'),
  },
  {
    id: 'CKV_AZURE_189',
    severity: 'error',
    description: 'Key Vaults disable public network access',
    resourceTypes: VAULT,
    check: (r) => fail(attr(r.attributes, 'public_network_access_enabled') !== false, 'public_network_access_enabled is not false'),
  },
  {
    id: 'CKV_AZURE_109',
    aliases: ['AVD-AZU-0013'],
    severity: 'error',
    description: 'Key Vault firewalls deny by default',
    resourceTypes: VAULT,
    check: (r) => fail(attr(r.attributes, 'network_acls.default_action') !== 'Deny', 'network_acls.default_action is not Deny'),
  },
  {
    id: 'CKV_AZURE_110',
    aliases: ['AVD-AZU-0016'],
    severity: 'error',
    description: 'Key Vaults have purge protection',
    resourceTypes: VAULT,
    check: (r) => fail(attr(r.attributes, 'purge_protection_enabled') !== true, 'purge_protection_enabled is not true'),
  },
  {
    id: 'MF_AZ_KV_1',
    severity: 'error',
    description: 'Key Vaults authorize with Azure RBAC',
    resourceTypes: VAULT,
    check: (r) => fail(attr(r.attributes, 'rbac_authorization_enabled') !== true, 'rbac_authorization_enabled is not true'),
  },
  {
    id: 'CKV_AZURE_44',
    aliases: ['AVD-AZU-0011'],
    severity: 'error',
    description: 'Storage accounts require TLS 1.2',
    resourceTypes: STORAGE,
    check: (r) => fail(attr(r.attributes, 'min_tls_version') !== 'TLS1_2', 'min_tls_version is not TLS1_2'),
  },
  {
    id: 'CKV_AZURE_190',
    aliases: ['AVD-AZU-0007'],
    severity: 'error',
    description: 'Storage accounts allow no public blobs',
    resourceTypes: STORAGE,
    check: (r) => fail(attr(r.attributes, 'allow_nested_items_to_be_public') !== false, 'allow_nested_items_to_be_public is not false'),
  },
  {
    id: 'CKV_AZURE_59',
    severity: 'error',
    description: 'Storage accounts take no public network access',
    resourceTypes: STORAGE,
    check: (r) => fail(attr(r.attributes, 'public_network_access_enabled') !== false, 'public_network_access_enabled is not false'),
  },
  {
    id: 'CKV2_AZURE_40',
    severity: 'error',
    description: 'Storage accounts disable shared key access',
    resourceTypes: STORAGE,
    check: (r) => fail(attr(r.attributes, 'shared_access_key_enabled') !== false, 'shared_access_key_enabled is not false'),
  },
  {
    id: 'CKV_AZURE_139',
    severity: 'warning',
    description: 'Container registries take no public network access',
    resourceTypes: ['azurerm_container_registry'],
    check: (r) => fail(attr(r.attributes, 'public_network_access_enabled') !== false, 'public_network_access_enabled is not false'),
  },
  {
    id: 'CKV_AZURE_121',
    severity: 'error',
    description: 'Front Door profiles have a WAF policy attached',
    resourceTypes: ['azurerm_cdn_frontdoor_profile'],
    check: (r, s) =>
      fail(
        s.referencing('azurerm_cdn_frontdoor_security_policy', r).length === 0,
        'no azurerm_cdn_frontdoor_security_policy for this profile',
      ),
  },
  {
    id: 'CKV_AZURE_123',
    severity: 'error',
    description: 'Front Door WAF policies are enabled in prevention mode in production',
    resourceTypes: WAF,
    check: (r, s) =>
      fail(
        isProduction(s) && (attr(r.attributes, 'mode') !== 'Prevention' || isOff(attr(r.attributes, 'enabled'))),
        'mode is not Prevention',
      ),
  },
  {
    id: 'MF_AZ_EDGE_1',
    severity: 'error',
    description: 'Front Door WAF policies run the default managed rule set, bot protection and a rate limit',
    resourceTypes: WAF,
    check: (r) => {
      const types = attrs(r.attributes, 'managed_rule.type');
      const rate = (attrs(r.attributes, 'custom_rule') as { type?: string }[]).some((c) => c.type === 'RateLimitRule');
      const missing = [
        ...(types.includes('Microsoft_DefaultRuleSet') ? [] : ['Microsoft_DefaultRuleSet']),
        ...(types.includes('Microsoft_BotManagerRuleSet') ? [] : ['Microsoft_BotManagerRuleSet']),
        ...(rate ? [] : ['a RateLimitRule']),
      ];
      return missing.length ? `missing ${missing.join(', ')}` : undefined;
    },
  },
  {
    id: 'MF_AZ_EDGE_2',
    aliases: ['AVD-AZU-0057'],
    severity: 'error',
    description: 'Front Door custom domains require TLS 1.2',
    resourceTypes: ['azurerm_cdn_frontdoor_custom_domain'],
    check: (r) =>
      fail(
        !['TLS12', 'TLS13'].includes(String(attr(r.attributes, 'tls.minimum_tls_version') ?? 'TLS12')),
        `tls.minimum_tls_version is ${String(attr(r.attributes, 'tls.minimum_tls_version'))}`,
      ),
  },
  {
    id: 'MF_AZ_EDGE_3',
    severity: 'error',
    description: 'Front Door routes redirect HTTP to HTTPS',
    resourceTypes: ['azurerm_cdn_frontdoor_route'],
    check: (r) => fail(attr(r.attributes, 'https_redirect_enabled') === false, 'https_redirect_enabled is false'),
  },
  {
    id: 'CKV_AZURE_7',
    aliases: ['AVD-AZU-0043'],
    severity: 'error',
    description: 'AKS clusters enforce network policy',
    resourceTypes: AKS,
    check: (r) => fail(!attr(r.attributes, 'network_profile.network_policy'), 'no network_profile.network_policy'),
  },
  {
    id: 'CKV_AZURE_5',
    aliases: ['AVD-AZU-0042'],
    severity: 'error',
    description: 'AKS clusters use Entra ID with Azure RBAC',
    resourceTypes: AKS,
    check: (r) =>
      fail(
        attr(r.attributes, 'role_based_access_control_enabled') === false ||
          attr(r.attributes, 'azure_active_directory_role_based_access_control.azure_rbac_enabled') !== true,
        'Entra ID RBAC is not on',
      ),
  },
  {
    id: 'CKV_AZURE_141',
    severity: 'error',
    description: 'AKS clusters disable local accounts',
    resourceTypes: AKS,
    check: (r) => fail(attr(r.attributes, 'local_account_disabled') !== true, 'local_account_disabled is not true'),
  },
  {
    id: 'MF_AZ_AKS_1',
    severity: 'error',
    description: 'AKS clusters run workload identity with the OIDC issuer',
    resourceTypes: AKS,
    check: (r) =>
      fail(
        attr(r.attributes, 'workload_identity_enabled') !== true || attr(r.attributes, 'oidc_issuer_enabled') !== true,
        'workload_identity_enabled or oidc_issuer_enabled is not true',
      ),
  },
  {
    id: 'CKV_AZURE_115',
    aliases: ['AVD-AZU-0041'],
    severity: 'error',
    description: 'AKS API servers are private or limited to authorized CIDRs',
    resourceTypes: AKS,
    check: (r) =>
      fail(
        attr(r.attributes, 'private_cluster_enabled') !== true &&
          attrs(r.attributes, 'api_server_access_profile.authorized_ip_ranges').length === 0,
        'public API server without authorized_ip_ranges',
      ),
  },
  {
    id: 'CKV_AZURE_170',
    severity: 'error',
    description: 'AKS clusters run the Standard (SLA) tier in production',
    resourceTypes: AKS,
    check: (r, s) => fail(isProduction(s) && attr(r.attributes, 'sku_tier') !== 'Standard', 'sku_tier is not Standard'),
  },
  {
    id: 'MF_AZ_APP_1',
    severity: 'error',
    description: 'Container Apps take secrets from secret references, never plain environment values',
    resourceTypes: ['azurerm_container_app'],
    check: (r) => {
      const env = attrs(r.attributes, 'template.container.env') as { name?: string; value?: string }[];
      const plain = env.filter(
        (e) => e.name && e.value !== undefined && ((SECRET_KEYS as readonly string[]).includes(e.name) || SECRET_NAME.test(e.name)),
      );
      const literal = (attrs(r.attributes, 'secret') as { name?: string; value?: string }[]).filter(
        (s) =>
          s.value !== undefined && SECRET_NAME.test((s.name ?? '').toUpperCase().replace(/-/g, '_')) && !String(s.value).includes('${'),
      );
      const bad = [...plain.map((e) => e.name), ...literal.map((s) => s.name)];
      return bad.length ? `${bad.join(', ')} in plain text` : undefined;
    },
  },
  {
    id: 'MF_AZ_APP_2',
    severity: 'error',
    description: 'Container Apps keep a warm replica',
    resourceTypes: ['azurerm_container_app'],
    check: (r) => fail(Number(attr(r.attributes, 'template.min_replicas') ?? 0) < 1, 'template.min_replicas is 0'),
  },
  {
    id: 'MF_AZ_APP_3',
    severity: 'error',
    description: 'Container Apps environments are zone redundant and internal in production',
    resourceTypes: ['azurerm_container_app_environment'],
    check: (r, s) =>
      fail(
        isProduction(s) &&
          (attr(r.attributes, 'zone_redundancy_enabled') !== true || attr(r.attributes, 'internal_load_balancer_enabled') !== true),
        'zone_redundancy_enabled or internal_load_balancer_enabled is not true',
      ),
  },
  {
    id: 'MF_AZ_EDGE_4',
    severity: 'error',
    description: "Container Apps environments take public traffic only through Front Door's WAF (internal load balancer)",
    resourceTypes: ['azurerm_container_app_environment'],
    check: (r) =>
      fail(
        attr(r.attributes, 'internal_load_balancer_enabled') !== true,
        'internal_load_balancer_enabled is not true: public ingress without a WAF',
      ),
  },
  {
    id: 'MF_AZ_HEALTH',
    severity: 'error',
    description: 'Health checks probe /health/*, never /ping',
    resourceTypes: ['azurerm_container_app', 'azurerm_cdn_frontdoor_origin_group', 'azurerm_application_insights_standard_web_test'],
    check: (r) => {
      const paths =
        r.type === 'azurerm_container_app'
          ? (['liveness_probe', 'readiness_probe', 'startup_probe'].flatMap((p) =>
              attrs(r.attributes, `template.container.${p}.path`),
            ) as string[])
          : r.type === 'azurerm_cdn_frontdoor_origin_group'
            ? (attrs(r.attributes, 'health_probe.path') as string[])
            : [new URL(String(attr(r.attributes, 'request.url'))).pathname];
      const bad = paths.filter((p) => !p.startsWith(HEALTH_PREFIX));
      return bad.length ? `health check on ${bad.join(', ')}` : undefined;
    },
  },
  {
    id: 'MF_AZ_NET_1',
    aliases: ['CKV_AZURE_160', 'AVD-AZU-0047'],
    severity: 'error',
    description: 'NSGs open no port to the internet',
    resourceTypes: ['azurerm_network_security_group'],
    check: (r) => {
      const open = (attrs(r.attributes, 'security_rule') as Record<string, unknown>[]).filter(
        (rule) =>
          rule.direction === 'Inbound' &&
          rule.access === 'Allow' &&
          (['*', 'Internet', '0.0.0.0/0'].includes(String(rule.source_address_prefix)) ||
            ((rule.source_address_prefixes as string[] | undefined) ?? []).includes('0.0.0.0/0')),
      );
      return open.length ? `inbound from the internet: ${open.map((o) => o.name).join(', ')}` : undefined;
    },
  },
  {
    id: 'MF_AZ_NET_2',
    severity: 'warning',
    description: 'NSGs limit internet egress to HTTPS, HTTP and DNS',
    resourceTypes: ['azurerm_network_security_group'],
    check: (r) => {
      const allowed = [String(PUBLIC_PORTS.https), String(PUBLIC_PORTS.http)];
      const out = (attrs(r.attributes, 'security_rule') as Record<string, unknown>[]).filter(
        (rule) => rule.direction === 'Outbound' && rule.access === 'Allow' && rule.destination_address_prefix === 'Internet',
      );
      return out.length
        ? `internet egress on ${out
            .flatMap((o) => (o.destination_port_ranges as string[]) ?? [o.destination_port_range])
            .filter((p) => !allowed.includes(String(p)))
            .concat(allowed)
            .join(', ')}`
        : undefined;
    },
  },
];
