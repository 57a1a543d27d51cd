import { attr, type PolicyRule } from '@mockforge-infra/core';
import { nodeFitRules } from '@mockforge-infra/kubernetes';
import { AKS_NODE_RESERVE, AKS_NODE_SHAPES } from '../sizing';

/**
 * MF_AZ_AKS_2: the largest MockForge pod fits a user-pool node after AKS's reservations; MF_AZ_AKS_3:
 * the pool's maximum holds the maximum pods. Registered with the AKS workload, so Container Apps
 * synths never load the Kubernetes package.
 */
export const aksNodeFitRules: readonly PolicyRule[] = nodeFitRules(
  { podFits: 'MF_AZ_AKS_2', replicasFit: 'MF_AZ_AKS_3' },
  ['azurerm_kubernetes_cluster_node_pool'],
  AKS_NODE_SHAPES,
  AKS_NODE_RESERVE,
  (r) => ({
    machineType: attr(r.attributes, 'vm_size'),
    maxNodes: attr(r.attributes, 'max_count'),
    labels: attr(r.attributes, 'node_labels'),
  }),
);
