import type { TargetContext } from '@mockforge-infra/core';

/** The project every resource lives in; config validation guarantees it when gcp is configured. */
export function gcpProject(context: TargetContext): string {
  const project = context.config.gcp?.project;
  if (!project) throw new Error('gcp.project is required for the gcp target');
  return project;
}
