import { attr, type PolicyRule } from '@mockforge-infra/core';
import { nodeFitRules, type MachineShape } from '@mockforge-infra/kubernetes';
import { EKS_NODE_RESERVE, EKS_NODE_SHAPES } from '../sizing';

const EKS_SHAPES: readonly MachineShape[] = Object.values(EKS_NODE_SHAPES).flat();

/**
 * MF_AWS_3: the largest MockForge pod fits an EKS node after the node's reservations; MF_AWS_4: the
 * node group's maximum size holds the maximum pods. Registered with the EKS workload, so ECS synths
 * never load the Kubernetes package.
 */
export const eksNodeFitRules: readonly PolicyRule[] = nodeFitRules(
  { podFits: 'MF_AWS_3', replicasFit: 'MF_AWS_4' },
  ['aws_eks_node_group'],
  EKS_SHAPES,
  EKS_NODE_RESERVE,
  (r) => ({
    machineType: (attr(r.attributes, 'instance_types') as unknown[] | undefined)?.[0],
    maxNodes: attr(r.attributes, 'scaling_config.max_size'),
    labels: attr(r.attributes, 'labels'),
  }),
);
