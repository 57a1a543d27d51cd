import { attr, type PolicyRule } from '@mockforge-infra/core';
import { HPA_TYPES, NETWORK_POLICY_TYPES, PDB_TYPES, WORKLOAD_TYPES } from './workload-view';

/** Namespaced types this project emits, old and versioned names. */
const NAMESPACED_TYPES = [
  ...WORKLOAD_TYPES,
  ...NETWORK_POLICY_TYPES,
  ...PDB_TYPES,
  ...HPA_TYPES,
  'kubernetes_service',
  'kubernetes_service_v1',
  'kubernetes_service_account',
  'kubernetes_service_account_v1',
  'kubernetes_config_map',
  'kubernetes_config_map_v1',
  'kubernetes_secret',
  'kubernetes_secret_v1',
  'kubernetes_ingress',
  'kubernetes_ingress_v1',
];

/** CKV_K8S_21: nothing goes in the `default` namespace. */
export const namespaceRule: PolicyRule = {
  id: 'CKV_K8S_21',
  severity: 'warning',
  description: 'Objects live in a namespace other than default',
  resourceTypes: NAMESPACED_TYPES,
  check: (resource) => {
    const namespace = attr(resource.attributes, 'metadata.namespace');
    if (namespace === undefined || namespace === '') return 'metadata.namespace is not set (the provider uses default)';
    return namespace === 'default' ? 'metadata.namespace is default' : undefined;
  },
};
