import { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import { kubernetesRules, KubernetesWorkloadStack } from '@mockforge-infra/kubernetes';
import type { PolicyEngine } from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { eksNodeFitRules } from '../rules/eks-node-fit';
import type { AwsRegionalStack } from './regional-stack';

/** The Kubernetes Secret the workload reads; operators fill it from the Secrets Manager containers. */
export const WORKLOAD_SECRET_NAME = 'mockforge-secrets';
const ENCRYPTED_STORAGE_CLASS = 'mockforge-encrypted-gp3';
const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

/**
 * The MockForge workload on a region's EKS cluster, in its own stack (`<tier>-aws-<region>-workload`):
 * the image comes from the region's ECR pull-through cache and the ingress from the ALB controller.
 */
export function addEksWorkload(scope: Construct, regional: AwsRegionalStack, policy?: PolicyEngine): KubernetesWorkloadStack {
  const cluster = regional.kubernetes;
  if (!cluster) throw new Error(`${regional.node.id} has no EKS cluster`);
  const context = regional.context;
  // A secondary region's pods also reach the primary's writers over VPC peering.
  const dataCidrs = regional.dataStoreCidrs;
  // The workload's own checks (CKV_K8S_*) apply to its stack; the node group's capacity checks to the cluster's.
  policy?.register(kubernetesRules);
  policy?.register(eksNodeFitRules);
  const stateful = context.topology.hasStatefulPool;
  const stack = new KubernetesWorkloadStack(scope, {
    context: { ...context, service: { ...context.service, image: regional.imageUri } },
    policy,
    region: regional.region,
    role: 'workload',
    provider: {
      host: cluster.endpoint,
      clusterCaCertificate: cluster.certificateAuthority,
      exec: [
        {
          apiVersion: EXEC_API_VERSION,
          command: 'aws',
          args: ['eks', 'get-token', '--cluster-name', cluster.name, '--region', regional.region],
        },
      ],
    },
    ingressClass: 'alb',
    secretName: WORKLOAD_SECRET_NAME,
    databaseCidrs: dataCidrs,
    redisCidrs: dataCidrs,
    ingressAnnotations: regional.ingressAnnotations,
    // kubernetes_manifest needs the CRDs at plan time; EKS ships without the Prometheus Operator.
    prometheusOperator: context.config.kubernetes?.prometheusOperator ?? false,
    // Without the operator, the AMP collector scrapes from its interfaces in the cluster's subnets.
    ...(context.config.kubernetes?.prometheusOperator ? {} : { metricsScraperCidrs: regional.network.privateSubnetCidrs }),
    ...(stateful ? { storageClassName: ENCRYPTED_STORAGE_CLASS } : {}),
  });
  if (stateful) {
    // Per-replica claims for the stateful pool, encrypted with the region's key and kept on delete.
    new StorageClassV1(stack, 'encrypted_storage_class', {
      metadata: { name: ENCRYPTED_STORAGE_CLASS },
      storageProvisioner: 'ebs.csi.aws.com',
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: stack.fromOtherStack(cluster.kmsKeyArn) },
    });
  }
  return stack;
}
