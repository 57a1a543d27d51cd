import { attr, attrs, type PolicyRule } from '@mockforge-infra/core';
import { equals, notEquals, WORLD } from './helpers';

const CLUSTER = ['google_container_cluster'];
const POOL = ['google_container_node_pool'];
const BOTH = [...CLUSTER, ...POOL];

/** Node config checks apply to the cluster's own node_config (when set) and to every node pool. */
function nodeConfig(
  id: string,
  aliases: string[],
  severity: PolicyRule['severity'],
  description: string,
  path: string,
  expected: unknown,
): PolicyRule {
  return {
    id,
    aliases,
    severity,
    description,
    resourceTypes: BOTH,
    check: (r) => {
      if (r.type === 'google_container_cluster' && attr(r.attributes, 'node_config') === undefined) return undefined;
      const value = attr(r.attributes, `node_config.${path}`);
      return value === expected
        ? undefined
        : `node_config.${path} is ${value === undefined ? 'unset' : JSON.stringify(value)}, expected ${JSON.stringify(expected)}`;
    },
  };
}

export const gkeRules: readonly PolicyRule[] = [
  equals(
    {
      id: 'CKV_GCP_25',
      aliases: ['CKV_GCP_64', 'GCP-0059'],
      severity: 'warning',
      description: 'GKE nodes are private',
      resourceTypes: CLUSTER,
    },
    'private_cluster_config.enable_private_nodes',
    true,
  ),
  {
    id: 'CKV_GCP_20',
    aliases: ['GCP-0061'],
    severity: 'error',
    description: 'GKE master authorized networks are configured',
    resourceTypes: CLUSTER,
    check: (r) =>
      attrs(r.attributes, 'master_authorized_networks_config.cidr_blocks').length > 0
        ? undefined
        : 'no master_authorized_networks_config.cidr_blocks',
  },
  {
    id: 'CKV_GCP_18',
    aliases: ['GCP-0053'],
    severity: 'error',
    description: 'GKE master authorized networks exclude 0.0.0.0/0',
    resourceTypes: CLUSTER,
    check: (r) =>
      attrs(r.attributes, 'master_authorized_networks_config.cidr_blocks.cidr_block').some((c) => WORLD.includes(String(c)))
        ? 'the control plane is open to the world'
        : undefined,
  },
  {
    id: 'CKV_GCP_12',
    aliases: ['GCP-0056'],
    severity: 'warning',
    description: 'GKE enforces network policy (Dataplane V2 or Calico)',
    resourceTypes: CLUSTER,
    check: (r) =>
      attr(r.attributes, 'datapath_provider') === 'ADVANCED_DATAPATH' || attr(r.attributes, 'network_policy.enabled') === true
        ? undefined
        : 'neither datapath_provider ADVANCED_DATAPATH nor network_policy.enabled',
  },
  notEquals(
    { id: 'CKV_GCP_7', aliases: ['GCP-0062'], severity: 'error', description: 'GKE legacy ABAC is off', resourceTypes: CLUSTER },
    'enable_legacy_abac',
    true,
  ),
  notEquals(
    {
      id: 'CKV_GCP_13',
      aliases: ['GCP-0064'],
      severity: 'error',
      description: 'GKE issues no client certificates',
      resourceTypes: CLUSTER,
    },
    'master_auth.client_certificate_config.issue_client_certificate',
    true,
  ),
  nodeConfig(
    'CKV_GCP_69',
    ['GCP-0057'],
    'error',
    'GKE nodes hide instance metadata behind the GKE metadata server',
    'workload_metadata_config.mode',
    'GKE_METADATA',
  ),
  equals(
    { id: 'CKV_GCP_71', aliases: ['GCP-0055'], severity: 'error', description: 'GKE shielded nodes are on', resourceTypes: CLUSTER },
    'enable_shielded_nodes',
    true,
  ),
  nodeConfig('CKV_GCP_68', [], 'warning', 'GKE nodes boot securely', 'shielded_instance_config.enable_secure_boot', true),
  nodeConfig('CKV_GCP_72', [], 'warning', 'GKE nodes monitor boot integrity', 'shielded_instance_config.enable_integrity_monitoring', true),
  equals(
    { id: 'CKV_GCP_66', severity: 'warning', description: 'GKE enforces Binary Authorization', resourceTypes: CLUSTER },
    'binary_authorization.evaluation_mode',
    'PROJECT_SINGLETON_POLICY_ENFORCE',
  ),
  {
    id: 'CKV_GCP_70',
    severity: 'warning',
    description: 'GKE follows a release channel',
    resourceTypes: CLUSTER,
    check: (r) => {
      const channel = attr(r.attributes, 'release_channel.channel');
      return channel && channel !== 'UNSPECIFIED' ? undefined : 'no release_channel.channel';
    },
  },
  equals(
    { id: 'CKV_GCP_61', severity: 'warning', description: 'GKE intranode visibility is on', resourceTypes: CLUSTER },
    'enable_intranode_visibility',
    true,
  ),
  equals(
    { id: 'CKV_GCP_9', aliases: ['GCP-0063'], severity: 'warning', description: 'GKE node pools repair themselves', resourceTypes: POOL },
    'management.auto_repair',
    true,
  ),
  equals(
    { id: 'CKV_GCP_10', aliases: ['GCP-0058'], severity: 'warning', description: 'GKE node pools upgrade themselves', resourceTypes: POOL },
    'management.auto_upgrade',
    true,
  ),
  {
    id: 'MF_GCP_1',
    aliases: ['GCP-0050'],
    severity: 'warning',
    description: 'GKE nodes run as a dedicated service account, not the Compute Engine default',
    resourceTypes: BOTH,
    check: (r) => {
      if (r.type === 'google_container_cluster' && attr(r.attributes, 'node_config') === undefined) return undefined;
      const account = attr(r.attributes, 'node_config.service_account');
      return account === undefined || account === 'default' || String(account).endsWith('-compute@developer.gserviceaccount.com')
        ? 'node_config.service_account is the default'
        : undefined;
    },
  },
];
