import { BALANCING_ALGORITHMS, type BalancingAlgorithm, type TierName } from '@mockforge-infra/core';

/** Core's balancing algorithms as ALB target-group `load_balancing_algorithm_type` values. */
export const ALB_ALGORITHMS: Readonly<Partial<Record<BalancingAlgorithm, string>>> = {
  'round-robin': 'round_robin',
  'least-connections': 'least_outstanding_requests',
  weighted: 'weighted_random',
};

/** The ALB algorithm for a tier; ip-hash has no ALB equivalent and is rejected with the field to change. */
export function albAlgorithm(tier: TierName, algorithm: BalancingAlgorithm): string {
  const mapped = ALB_ALGORITHMS[algorithm];
  if (!mapped) {
    const allowed = BALANCING_ALGORITHMS.filter((a) => ALB_ALGORITHMS[a]).join(' | ');
    throw new Error(
      `tiers.${tier}.loadBalancing: got "${algorithm}"; the AWS Application Load Balancer supports ${allowed} (use stickiness-free round-robin instead of ip-hash)`,
    );
  }
  return mapped;
}
