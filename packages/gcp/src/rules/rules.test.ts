import { TerraformResource } from 'cdktf';
import { PolicyEngine } from '@mockforge-infra/core';
import { fixtureStack } from '../testing/fixtures';
import { gcpRules } from '.';

type Attributes = Record<string, unknown>;
interface Fixture {
  readonly type: string;
  readonly pass: Attributes;
  readonly fail: Attributes;
}

const pg = (settings: Attributes, extra: Attributes = {}) => ({ database_version: 'POSTGRES_18', settings, ...extra });
const flags = (overrides: Record<string, string>) => ({
  database_flags: Object.entries({
    log_checkpoints: 'on',
    log_connections: 'on',
    log_disconnections: 'on',
    log_lock_waits: 'on',
    log_temp_files: '0',
    'cloudsql.enable_pgaudit': 'on',
    ...overrides,
  }).map(([name, value]) => ({ name, value })),
});
const firewall = (ports: string[] | undefined, protocol = 'tcp') => ({
  direction: 'INGRESS',
  source_ranges: ['0.0.0.0/0'],
  allow: [{ protocol, ...(ports ? { ports } : {}) }],
});
const gfe = { direction: 'INGRESS', source_ranges: ['130.211.0.0/22'], allow: [{ protocol: 'tcp', ports: ['80', '443', '3000'] }] };
const pool = (nodeConfig: Attributes, management: Attributes = { auto_repair: true, auto_upgrade: true }) => ({
  node_config: {
    service_account: 'nodes@p.iam.gserviceaccount.com',
    workload_metadata_config: { mode: 'GKE_METADATA' },
    shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
    ...nodeConfig,
  },
  management,
});
const bucket = (extra: Attributes) => ({
  name: 'b',
  uniform_bucket_level_access: true,
  public_access_prevention: 'enforced',
  versioning: { enabled: true },
  logging: { log_bucket: 'logs' },
  ...extra,
});
const armor = (action: string, preview = false) => ({
  rule: [{ action, preview, priority: 1000, match: { expr: { expression: "evaluatePreconfiguredWaf('cve-canary')" } } }],
});

const methods = (expression: string) => ({
  rule: [
    { priority: 1100, action: 'deny(403)', preview: false, match: { expr: { expression } } },
    { priority: 2147483647, action: 'allow', match: { versioned_expr: 'SRC_IPS_V1', config: { src_ip_ranges: ['*'] } } },
  ],
});
const methodEnforcement = "evaluatePreconfiguredWaf('methodenforcement-v33-stable', {'sensitivity': 1})";
const FIXTURES: Readonly<Record<string, Fixture>> = {
  'GCP-0035': {
    type: 'google_compute_firewall',
    pass: { direction: 'EGRESS', destination_ranges: ['10.0.0.0/8'], allow: [{ protocol: 'all' }] },
    fail: { direction: 'EGRESS', destination_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['443'] }] },
  },
  CKV_GCP_2: { type: 'google_compute_firewall', pass: gfe, fail: firewall(['22']) },
  CKV_GCP_3: { type: 'google_compute_firewall', pass: gfe, fail: firewall(['3000-4000']) },
  CKV_GCP_106: { type: 'google_compute_firewall', pass: gfe, fail: firewall(['80']) },
  CKV2_GCP_12: {
    type: 'google_compute_firewall',
    pass: { ...firewall(undefined, 'all'), direction: 'EGRESS' },
    fail: firewall(undefined, 'all'),
  },
  CKV_GCP_26: { type: 'google_compute_subnetwork', pass: { log_config: { metadata: 'INCLUDE_ALL_METADATA' } }, fail: {} },
  CKV_GCP_74: { type: 'google_compute_subnetwork', pass: { private_ip_google_access: true }, fail: { private_ip_google_access: false } },
  MF_GCP_2: {
    type: 'google_cloud_run_v2_service',
    pass: { ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER' },
    fail: { ingress: 'INGRESS_TRAFFIC_ALL' },
  },
  MF_GCP_3: {
    type: 'google_cloud_run_v2_service',
    pass: { template: { scaling: { min_instance_count: 1 } } },
    fail: { template: { scaling: { min_instance_count: 0 } } },
  },
  MF_GCP_4: {
    type: 'google_cloud_run_v2_service_iam_member',
    pass: { member: 'serviceAccount:x@p.iam.gserviceaccount.com' },
    fail: { member: 'allUsers' },
  },
  CKV_GCP_6: {
    type: 'google_sql_database_instance',
    pass: pg({ ip_configuration: { ssl_mode: 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED' } }),
    fail: pg({ ip_configuration: { ssl_mode: 'ENCRYPTED_ONLY' } }),
  },
  CKV_GCP_60: {
    type: 'google_sql_database_instance',
    pass: pg({ ip_configuration: { ipv4_enabled: false } }),
    fail: pg({ ip_configuration: {} }),
  },
  CKV_GCP_11: {
    type: 'google_sql_database_instance',
    pass: pg({ ip_configuration: { authorized_networks: [{ value: '10.0.0.0/8' }] } }),
    fail: pg({ ip_configuration: { authorized_networks: [{ value: '0.0.0.0/0' }] } }),
  },
  CKV_GCP_14: {
    type: 'google_sql_database_instance',
    pass: pg({ backup_configuration: { enabled: true } }),
    fail: pg({ backup_configuration: { enabled: false } }),
  },
  CKV_GCP_51: { type: 'google_sql_database_instance', pass: pg(flags({})), fail: pg(flags({ log_checkpoints: 'off' })) },
  CKV_GCP_52: { type: 'google_sql_database_instance', pass: pg(flags({})), fail: pg(flags({ log_connections: 'off' })) },
  CKV_GCP_53: { type: 'google_sql_database_instance', pass: pg(flags({})), fail: pg(flags({ log_disconnections: 'off' })) },
  CKV_GCP_54: { type: 'google_sql_database_instance', pass: pg(flags({})), fail: pg(flags({ log_lock_waits: 'off' })) },
  CKV_GCP_56: { type: 'google_sql_database_instance', pass: pg(flags({})), fail: pg(flags({ log_temp_files: '-1' })) },
  CKV_GCP_110: { type: 'google_sql_database_instance', pass: pg(flags({})), fail: pg(flags({ 'cloudsql.enable_pgaudit': 'off' })) },
  CKV_GCP_79: { type: 'google_sql_database_instance', pass: pg({}), fail: { database_version: 'POSTGRES_14', settings: {} } },
  MF_GCP_9: { type: 'google_sql_database_instance', pass: pg({ availability_type: 'REGIONAL' }), fail: pg({ availability_type: 'ZONAL' }) },
  MF_GCP_10: {
    type: 'google_sql_database_instance',
    pass: pg({ deletion_protection_enabled: true }, { deletion_protection: true }),
    fail: pg({ deletion_protection_enabled: true }, { deletion_protection: false }),
  },
  MF_GCP_11: {
    type: 'google_sql_database_instance',
    pass: pg({ backup_configuration: { point_in_time_recovery_enabled: true } }),
    fail: pg({ backup_configuration: { point_in_time_recovery_enabled: false } }),
  },
  CKV_GCP_95: { type: 'google_redis_instance', pass: { auth_enabled: true }, fail: { auth_enabled: false } },
  CKV_GCP_97: {
    type: 'google_redis_instance',
    pass: { transit_encryption_mode: 'SERVER_AUTHENTICATION' },
    fail: { transit_encryption_mode: 'DISABLED' },
  },
  MF_GCP_12: { type: 'google_redis_instance', pass: { tier: 'STANDARD_HA' }, fail: { tier: 'BASIC' } },
  CKV_GCP_25: {
    type: 'google_container_cluster',
    pass: { private_cluster_config: { enable_private_nodes: true } },
    fail: { private_cluster_config: { enable_private_nodes: false } },
  },
  CKV_GCP_20: {
    type: 'google_container_cluster',
    pass: { master_authorized_networks_config: { cidr_blocks: [{ cidr_block: '10.0.0.0/8' }] } },
    fail: {},
  },
  CKV_GCP_18: {
    type: 'google_container_cluster',
    pass: { master_authorized_networks_config: { cidr_blocks: [{ cidr_block: '10.0.0.0/8' }] } },
    fail: { master_authorized_networks_config: { cidr_blocks: [{ cidr_block: '0.0.0.0/0' }] } },
  },
  CKV_GCP_12: {
    type: 'google_container_cluster',
    pass: { datapath_provider: 'ADVANCED_DATAPATH' },
    fail: { datapath_provider: 'LEGACY_DATAPATH' },
  },
  CKV_GCP_7: { type: 'google_container_cluster', pass: { enable_legacy_abac: false }, fail: { enable_legacy_abac: true } },
  CKV_GCP_13: {
    type: 'google_container_cluster',
    pass: { master_auth: { client_certificate_config: { issue_client_certificate: false } } },
    fail: { master_auth: { client_certificate_config: { issue_client_certificate: true } } },
  },
  CKV_GCP_69: { type: 'google_container_node_pool', pass: pool({}), fail: pool({ workload_metadata_config: { mode: 'GCE_METADATA' } }) },
  CKV_GCP_71: { type: 'google_container_cluster', pass: { enable_shielded_nodes: true }, fail: { enable_shielded_nodes: false } },
  CKV_GCP_68: {
    type: 'google_container_node_pool',
    pass: pool({}),
    fail: pool({ shielded_instance_config: { enable_secure_boot: false, enable_integrity_monitoring: true } }),
  },
  CKV_GCP_72: {
    type: 'google_container_node_pool',
    pass: pool({}),
    fail: pool({ shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: false } }),
  },
  CKV_GCP_66: {
    type: 'google_container_cluster',
    pass: { binary_authorization: { evaluation_mode: 'PROJECT_SINGLETON_POLICY_ENFORCE' } },
    fail: { binary_authorization: { evaluation_mode: 'DISABLED' } },
  },
  CKV_GCP_70: {
    type: 'google_container_cluster',
    pass: { release_channel: { channel: 'REGULAR' } },
    fail: { release_channel: { channel: 'UNSPECIFIED' } },
  },
  CKV_GCP_61: { type: 'google_container_cluster', pass: { enable_intranode_visibility: true }, fail: {} },
  CKV_GCP_9: { type: 'google_container_node_pool', pass: pool({}), fail: pool({}, { auto_repair: false, auto_upgrade: true }) },
  CKV_GCP_10: { type: 'google_container_node_pool', pass: pool({}), fail: pool({}, { auto_repair: true, auto_upgrade: false }) },
  MF_GCP_1: {
    type: 'google_container_node_pool',
    pass: pool({}),
    fail: pool({ service_account: '123-compute@developer.gserviceaccount.com' }),
  },
  CKV_GCP_4: {
    type: 'google_compute_ssl_policy',
    pass: { profile: 'MODERN', min_tls_version: 'TLS_1_2' },
    fail: { profile: 'MODERN', min_tls_version: 'TLS_1_0' },
  },
  CKV_GCP_73: { type: 'google_compute_security_policy', pass: armor('deny(403)'), fail: armor('deny(403)', true) },
  MF_GCP_5: { type: 'google_compute_backend_service', pass: { log_config: { enable: true } }, fail: { log_config: { enable: false } } },
  MF_GCP_6: { type: 'google_compute_backend_service', pass: { security_policy: 'policy' }, fail: {} },
  MF_GCP_7: { type: 'google_compute_backend_service', pass: { protocol: 'HTTPS' }, fail: { protocol: 'HTTP' } },
  MF_GCP_8: { type: 'google_compute_target_https_proxy', pass: { ssl_policy: 'policy' }, fail: {} },
  MF_GCP_13: {
    type: 'google_compute_security_policy',
    pass: methods(`request.path.matches('^(?:/assets/)') && ${methodEnforcement}`),
    fail: methods(methodEnforcement),
  },
  MF_GCP_17: {
    type: 'google_compute_backend_service',
    pass: {
      backend: [
        {
          group: '${data.google_compute_network_endpoint_group.pods-us-central1-a.self_link}',
          balancing_mode: 'RATE',
          max_rate_per_endpoint: 16.7,
        },
        { group: '${google_compute_region_network_endpoint_group.service_neg_1.id}' },
      ],
    },
    fail: {
      backend: [
        { group: 'projects/p/zones/us-central1-a/networkEndpointGroups/mockforge-dev-us-central1-pods', balancing_mode: 'UTILIZATION' },
      ],
    },
  },
  MF_GCP_14: {
    type: 'google_compute_backend_service',
    pass: { cdn_policy: { cache_mode: 'CACHE_ALL_STATIC' } },
    fail: { cdn_policy: { cache_mode: 'FORCE_CACHE_ALL' } },
  },
  CKV_GCP_29: { type: 'google_storage_bucket', pass: bucket({}), fail: bucket({ uniform_bucket_level_access: false }) },
  CKV_GCP_114: { type: 'google_storage_bucket', pass: bucket({}), fail: bucket({ public_access_prevention: 'inherited' }) },
  CKV_GCP_78: { type: 'google_storage_bucket', pass: bucket({}), fail: bucket({ versioning: { enabled: false } }) },
  CKV_GCP_62: { type: 'google_storage_bucket', pass: bucket({}), fail: bucket({ logging: { log_bucket: 'b' } }) },
};

function findingsFor(ruleId: string, type: string, attributes: Attributes) {
  const rule = gcpRules.find((r) => r.id === ruleId)!;
  const stack = fixtureStack();
  const resource = new TerraformResource(stack, 'subject', { terraformResourceType: type });
  for (const [key, value] of Object.entries(attributes)) resource.addOverride(key, value);
  return new PolicyEngine([rule]).evaluate(stack, new Map()).findings;
}

describe('GCP policy rules', () => {
  it('has a fixture for every rule, and ids are unique', () => {
    const ids = gcpRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(FIXTURES).sort()).toEqual([...ids].sort());
  });

  it.each(Object.entries(FIXTURES))('%s passes its compliant fixture', (ruleId, fixture) => {
    expect(findingsFor(ruleId, fixture.type, fixture.pass)).toEqual([]);
  });

  it.each(Object.entries(FIXTURES))('%s flags its offending fixture', (ruleId, fixture) => {
    const findings = findingsFor(ruleId, fixture.type, fixture.fail);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe(ruleId);
  });

  it('rates Trivy HIGH/CRITICAL checks as errors', () => {
    for (const id of ['CKV_GCP_6', 'CKV_GCP_60', 'CKV_GCP_4', 'CKV_GCP_114', 'CKV_GCP_2', 'CKV_GCP_71']) {
      expect(gcpRules.find((r) => r.id === id)!.severity).toBe('error');
    }
  });
});
