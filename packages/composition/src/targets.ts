import type { CloudName, CloudTarget } from '@mockforge-infra/core';

/**
 * The implemented cloud targets. Each is loaded only when the configuration uses it, so a
 * dev-only or single-cloud synth never loads the other providers' bindings.
 */
const TARGET_LOADERS: Partial<Record<CloudName, () => CloudTarget>> = {
  aws: () => (require('@mockforge-infra/aws') as typeof import('@mockforge-infra/aws')).awsTarget,
  gcp: () => (require('@mockforge-infra/gcp') as typeof import('@mockforge-infra/gcp')).gcpTarget,
  azure: () => (require('@mockforge-infra/azure') as typeof import('@mockforge-infra/azure')).azureTarget,
  digitalocean: () => (require('@mockforge-infra/digitalocean') as typeof import('@mockforge-infra/digitalocean')).digitaloceanTarget,
  kubernetes: () => (require('@mockforge-infra/kubernetes') as typeof import('@mockforge-infra/kubernetes')).kubernetesTarget,
};

export const IMPLEMENTED_CLOUDS = Object.keys(TARGET_LOADERS) as CloudName[];

export function loadTarget(cloud: CloudName): CloudTarget {
  const load = TARGET_LOADERS[cloud];
  if (!load) throw new Error(`no target for cloud ${cloud}; implemented: ${IMPLEMENTED_CLOUDS.join(', ')}`);
  return load();
}
