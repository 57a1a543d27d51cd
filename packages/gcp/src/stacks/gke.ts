import { GkeBackupPlan } from '../backup/gke-backup-plan';
import { GkeCluster } from '../compute/gke-cluster';
import { addGkeWorkloadStack, gkeServesTraffic } from './gke-workload-stack';

/**
 * Everything a GKE tier adds (the cluster, Backup for GKE, the workload stack on
 * @mockforge-infra/kubernetes), in one module the target requires only for GKE tiers.
 */
export const GKE_CONSTRUCTS = { GkeCluster, GkeBackupPlan, addGkeWorkloadStack, gkeServesTraffic } as const;
export type GkeConstructs = typeof GKE_CONSTRUCTS;
