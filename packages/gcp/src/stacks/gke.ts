import { GkeBackupPlan } from '../backup/gke-backup-plan';
import { GkeCluster } from '../compute/gke-cluster';
import { GkeSecretsStore } from '../secrets/gke-secrets-store';
import { addGkeWorkloadStack, gkeServesTraffic } from './gke-workload-stack';

/**
 * Everything a GKE tier adds (the cluster, Backup for GKE, the Secrets Store CSI driver, the workload stack on
 * @mockforge-infra/kubernetes), in one module the target requires only for GKE tiers.
 */
export const GKE_CONSTRUCTS = { GkeCluster, GkeBackupPlan, GkeSecretsStore, addGkeWorkloadStack, gkeServesTraffic } as const;
export type GkeConstructs = typeof GKE_CONSTRUCTS;
