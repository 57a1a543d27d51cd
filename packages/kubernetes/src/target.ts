import {
  NGINX_INGRESS,
  type CloudTarget,
  type KubernetesCluster,
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
    return context.topology.regions.map(
      (cluster) =>
        new KubernetesWorkloadStack(scope, {
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
        }),
    );
  },
};
