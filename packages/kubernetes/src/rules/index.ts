import type { PolicyRule } from '@mockforge-infra/core';
import { availabilityRules } from './availability-rules';
import { containerRules } from './container-rules';
import { namespaceRule } from './namespace-rules';
import { networkRules } from './network-rules';

export * from './workload-view';
export { isDefaultDeny } from './network-rules';

/** Checkov CKV_K8S_*, Trivy KUBE-* and MockForge MF_K8S_* rules for the Kubernetes workload. */
export const kubernetesRules: PolicyRule[] = [...containerRules, namespaceRule, ...networkRules, ...availabilityRules];
