import type { TargetContext } from '@mockforge-infra/core';

/** `mockforge-<tier>`: regional AWS names (ALB, cluster, database) are unique per region and account. */
export function baseName(context: TargetContext): string {
  return `${context.service.name}-${context.tier}`;
}

/** Account-wide names (IAM roles, global resources) also carry the region. */
export function regionalName(context: TargetContext, region: string, suffix: string): string {
  return `${baseName(context)}-${region}-${suffix}`;
}
