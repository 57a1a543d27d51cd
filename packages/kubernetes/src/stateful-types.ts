/**
 * Terraform types that hold state: `prevent_destroy` in tiers that protect state, in the standalone
 * target and on EKS and GKE (`kubernetesTarget.statefulResourceTypes`). Its own module, so the
 * workload stack and the target share it.
 */
export const KUBERNETES_STATEFUL_RESOURCE_TYPES: readonly string[] = [
  'kubernetes_stateful_set_v1',
  'kubernetes_persistent_volume_claim_v1',
];
