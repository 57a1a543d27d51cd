import {
  NGINX_INGRESS,
  STACK_DIR,
  type CloudTarget,
  type KubernetesCluster,
  type ManualStep,
  type MockforgeStack,
  type PolicyEngine,
  type TargetContext,
} from '@mockforge-infra/core';
import type { KubernetesProviderConfig } from '@cdktf/provider-kubernetes/lib/provider';
import type { Construct } from 'constructs';
import { tierNamespace } from './labels';
import { kubernetesRules } from './rules';
import { KUBERNETES_STATEFUL_RESOURCE_TYPES } from './stateful-types';
import { KubernetesWorkloadStack } from './stacks/workload-stack';
import { REDIS_PASSWORD_KEY } from './cache/in-cluster-redis';

export const DEFAULT_KUBECONFIG = '~/.kube/config';
/** The Secret the user creates before deploying (see README); it is never synthesized with values. */
export const DEFAULT_SECRET_NAME = 'mockforge-secrets';

/** kubeconfig path and context of a standalone cluster; the context defaults to the cluster name. */
export function kubeconfigProvider(clusterName: string, cluster: KubernetesCluster = {}): KubernetesProviderConfig {
  return { configPath: cluster.kubeconfigPath ?? DEFAULT_KUBECONFIG, configContext: cluster.context ?? clusterName };
}

/** Standalone: one workload stack per cluster named in `tiers.<tier>.regions.kubernetes`. */
export const kubernetesTarget: CloudTarget = {
  cloud: 'kubernetes',
  rules: kubernetesRules,
  statefulResourceTypes: KUBERNETES_STATEFUL_RESOURCE_TYPES,
  addStacks(scope: Construct, context: TargetContext, policy: PolicyEngine): MockforgeStack[] {
    const settings = context.config.kubernetes ?? {};
    const secretName = settings.existingSecretName ?? DEFAULT_SECRET_NAME;
    return context.topology.regions.map((cluster) => {
      const stack = new KubernetesWorkloadStack(scope, {
        context,
        policy,
        region: cluster,
        provider: kubeconfigProvider(cluster, settings.clusters?.[cluster]),
        // Tiers may share a cluster (the built-in config puts all three on `primary`).
        namespace: tierNamespace(context.tier),
        ingressClass: settings.ingressClass ?? NGINX_INGRESS.className,
        secretName: settings.existingSecretName ?? DEFAULT_SECRET_NAME,
        databaseCidrs: settings.databaseCidrs,
        redisCidrs: settings.redisCidrs,
        ingressNamespace: settings.ingressNamespace,
        monitoringNamespace: settings.monitoringNamespace,
        // Off unless configured: the CRDs must exist when planning (see README).
        prometheusOperator: settings.prometheusOperator ?? false,
        inClusterRedis: settings.inClusterRedis,
      });
      const keys = [...context.service.secretKeys, ...(settings.inClusterRedis ? [REDIS_PASSWORD_KEY] : [])];
      stack.addManualStep(secretStep(stack, secretName, keys, settings.clusters?.[cluster]?.context ?? cluster));
      return stack;
    });
  },
};

/**
 * The databases are the operator's, so their URLs and the admin login reach the cluster as a Secret
 * the operator creates in the namespace the stack makes: that namespace first, then the Secret.
 */
function secretStep(stack: KubernetesWorkloadStack, secretName: string, keys: readonly string[], kubeContext: string): ManualStep {
  const namespace = stack.workload.namespace.namespace;
  return {
    when: 'before the first apply',
    why: `the pods read ${keys.join(', ')} from the Secret ${secretName}, which holds values this project does not create`,
    command:
      `terraform -chdir=${STACK_DIR} init && terraform -chdir=${STACK_DIR} apply -target=${namespace.terraformResourceType}.${namespace.friendlyUniqueId} && ` +
      `kubectl --context ${kubeContext} -n ${tierNamespace(stack.tier)} create secret generic ${secretName} ` +
      keys.map((key) => `--from-literal=${key}=<value>`).join(' '),
  };
}
