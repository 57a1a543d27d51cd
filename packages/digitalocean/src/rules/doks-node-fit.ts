import { attr, type PolicyRule } from '@mockforge-infra/core';
import { nodeFitRules, type MachineShape } from '@mockforge-infra/kubernetes';
import { DOKS_NODE_RESERVE, DOKS_NODE_SHAPES } from '../sizing';

const DOKS_SHAPES: readonly MachineShape[] = Object.values(DOKS_NODE_SHAPES).flat();

/**
 * MF_DIO_6: the largest MockForge pod fits a DOKS node after DigitalOcean's reservations; MF_DIO_7:
 * the default node pool's maximum holds the maximum pods. Registered with the DOKS workload, so App
 * Platform synths never load the Kubernetes package.
 */
export const doksNodeFitRules: readonly PolicyRule[] = nodeFitRules(
  { podFits: 'MF_DIO_6', replicasFit: 'MF_DIO_7' },
  ['digitalocean_kubernetes_cluster'],
  DOKS_SHAPES,
  DOKS_NODE_RESERVE,
  (r) => ({
    machineType: attr(r.attributes, 'node_pool.size'),
    // A fixed-size pool's maximum is its node count.
    maxNodes:
      attr(r.attributes, 'node_pool.auto_scale') === true
        ? attr(r.attributes, 'node_pool.max_nodes')
        : attr(r.attributes, 'node_pool.node_count'),
    labels: attr(r.attributes, 'node_pool.labels'),
  }),
);
