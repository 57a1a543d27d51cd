import { MockforgeStack, type PolicyEngine, type TargetContext } from '@mockforge-infra/core';
import { KubernetesProvider, type KubernetesProviderConfig } from '@cdktf/provider-kubernetes/lib/provider';
import type { Construct } from 'constructs';
import type { WorkloadOptions } from '../options';
import { KUBERNETES_STATEFUL_RESOURCE_TYPES } from '../stateful-types';
import { MockforgeWorkload } from '../workload';

export interface WorkloadStackProps extends WorkloadOptions {
  readonly context: TargetContext;
  readonly policy?: PolicyEngine;
  /** The cluster's region, or the cluster name standalone. */
  readonly region: string;
  /** Set on a managed cluster, whose region has a stack of its own: `<tier>-<cloud>-<region>-workload`. */
  readonly role?: 'workload';
  /** Provider settings from the cluster's outputs (host, clusterCaCertificate, exec / token) or kubeconfig. */
  readonly provider: KubernetesProviderConfig;
  /** Run Redis in the cluster. @default false */
  readonly inClusterRedis?: boolean;
}

/** One cluster's workload in a stack of its own: `<tier>-<cloud>-<region>`, or `...-<region>-workload` on a managed cluster. */
export class KubernetesWorkloadStack extends MockforgeStack {
  readonly workload: MockforgeWorkload;

  constructor(scope: Construct, props: WorkloadStackProps) {
    const { context, policy, region, role, provider, ...options } = props;
    super(scope, {
      tier: context.tier,
      cloud: context.cloud,
      region,
      role,
      backend: context.backend,
      policy,
      // On EKS and GKE too: the workload stack holds only Kubernetes objects.
      protectedResourceTypes: context.profile.preventDestroy ? KUBERNETES_STATEFUL_RESOURCE_TYPES : undefined,
    });
    // On a managed cluster, the endpoint, image, keys and network ranges come from the cluster's stack.
    this.fromOtherStack({ provider, options, image: context.service.image });
    new KubernetesProvider(this, 'kubernetes', provider);
    this.workload = new MockforgeWorkload(this, 'workload', { ...options, context });
    this.exportOutputs({
      kubernetes_namespace_name: { value: this.workload.namespace.name, description: 'Namespace of the MockForge workload' },
      kubernetes_service_name: { value: this.workload.serviceName, description: 'ClusterIP Service in front of the stateless pool' },
      ingress_host: { value: this.workload.host, description: 'Host name the workload serves over TLS' },
      ingress_endpoint: { value: this.workload.endpoint, description: 'Public HTTPS URL of the workload' },
    });
  }
}
