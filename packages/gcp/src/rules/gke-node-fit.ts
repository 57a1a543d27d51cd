import { attr, type PolicyRule } from '@mockforge-infra/core';
import { nodeFitRules, type MachineShape } from '@mockforge-infra/kubernetes';
import { GKE_NODE_RESERVE, GKE_NODE_SHAPES } from '../sizing';

const GKE_SHAPES: readonly MachineShape[] = Object.values(GKE_NODE_SHAPES).flat();

/** Total maximum nodes of a pool: the total limit, or the per-zone limit times the pool's named zones (one when it names none). */
function totalMaxNodes(attributes: Record<string, unknown>): unknown {
  const total = attr(attributes, 'autoscaling.total_max_node_count');
  if (total !== undefined) return total;
  const perZone = attr(attributes, 'autoscaling.max_node_count');
  const zones = (attr(attributes, 'node_locations') as unknown[] | undefined)?.length ?? 1;
  return perZone === undefined ? undefined : Number(perZone) * zones;
}

/**
 * MF_GCP_15: the largest MockForge pod fits a GKE node after GKE's reservations; MF_GCP_16: the
 * node pool's maximum holds the maximum pods. Registered with the GKE workload, so Cloud Run synths
 * never load the Kubernetes package.
 */
export const gkeNodeFitRules: readonly PolicyRule[] = nodeFitRules(
  { podFits: 'MF_GCP_15', replicasFit: 'MF_GCP_16' },
  ['google_container_node_pool'],
  GKE_SHAPES,
  GKE_NODE_RESERVE,
  (r) => ({
    machineType: attr(r.attributes, 'node_config.machine_type'),
    maxNodes: totalMaxNodes(r.attributes),
    labels: attr(r.attributes, 'node_config.labels'),
  }),
);
