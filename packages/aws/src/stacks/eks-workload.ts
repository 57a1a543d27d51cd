import { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import { kubernetesRules, KubernetesWorkloadStack, NAMESPACE, objectLabels, WorkloadSecretSync } from '@mockforge-infra/kubernetes';
import { standardTags, type PolicyEngine } from '@mockforge-infra/core';
import { dependable } from 'cdktf';
import type { Construct } from 'constructs';
import { eksNodeFitRules } from '../rules/eks-node-fit';
import { AutoModeObjects } from './eks-auto-mode';
import { eksNodePoolSizing } from './eks-compute';
import { awsSecretParameters } from './eks-secrets';
import type { AwsRegionalStack } from './regional-stack';

/** The Kubernetes Secret the workload reads; the Secrets Store CSI driver syncs it from Secrets Manager. */
export const WORKLOAD_SECRET_NAME = 'mockforge-secrets';
/** The IngressClass Auto Mode's load balancer controller answers to (the workload's `alb` class). */
const INGRESS_CLASS = 'alb';
const NODE_POOL = 'mockforge';
const ENCRYPTED_STORAGE_CLASS = 'mockforge-encrypted-gp3';
/** Auto Mode's EBS CSI provisioner (not the add-on's `ebs.csi.aws.com`). */
const AUTO_MODE_EBS_PROVISIONER = 'ebs.csi.eks.amazonaws.com';
const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

/**
 * The MockForge workload on a region's EKS Auto Mode cluster, in its own stack
 * (`<tier>-aws-<region>-workload`): the image comes from the region's ECR pull-through cache, the ALB
 * from Auto Mode's load balancer controller through the `alb` IngressClass, the nodes from its NodePool,
 * and the Secret the pods' env reads from Secrets Manager through the Secrets Store CSI driver.
 */
export function addEksWorkload(scope: Construct, regional: AwsRegionalStack, policy?: PolicyEngine): KubernetesWorkloadStack {
  const cluster = regional.kubernetes;
  if (!cluster) throw new Error(`${regional.node.id} has no EKS cluster`);
  const context = regional.context;
  // A secondary region's pods also reach the primary's writers over VPC peering.
  const dataCidrs = regional.dataStoreCidrs;
  // The workload's own checks (CKV_K8S_*) and the NodePool's capacity checks apply to its stack.
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
    ingressClass: INGRESS_CLASS,
    secretName: WORKLOAD_SECRET_NAME,
    databaseCidrs: dataCidrs,
    redisCidrs: dataCidrs,
    ingressAnnotations: regional.ingressAnnotations,
    // The ALB holds the ACM certificate (its certificate-arn annotation); a TLS Secret would be ignored.
    ingressTls: 'cloud',
    // kubernetes_manifest needs the CRDs at plan time; EKS ships without the Prometheus Operator.
    prometheusOperator: context.config.kubernetes?.prometheusOperator ?? false,
    // Without the operator, the AMP collector scrapes from its interfaces in the cluster's subnets.
    ...(context.config.kubernetes?.prometheusOperator ? {} : { metricsScraperCidrs: regional.network.privateSubnetCidrs }),
    ...(stateful ? { storageClassName: ENCRYPTED_STORAGE_CLASS } : {}),
  });
  const workload = stack.workload;
  const labels = objectLabels({ ...standardTags(context.tier, context.cloud, regional.region) }, 'shared');
  const autoMode = new AutoModeObjects(stack, 'auto_mode', {
    ingressClassName: INGRESS_CLASS,
    namespace: NAMESPACE,
    nodePoolName: NODE_POOL,
    nodePool: eksNodePoolSizing(context),
    labels,
  });
  // Auto Mode's controller builds the ALB once the class exists; the Ingress waits for its address.
  // `dependable` renders the bare address depends_on takes (`fqn` would render `${...}`, which fails plan).
  const ingress = workload.ingress.ingress;
  ingress.dependsOn = [...(ingress.dependsOn ?? []), dependable(autoMode.ingressClass)];

  const secretSync = new WorkloadSecretSync(stack, 'secret_sync', {
    namespace: NAMESPACE,
    dependsOn: [workload.namespace.namespace],
    name: WORKLOAD_SECRET_NAME,
    provider: 'aws',
    parameters: awsSecretParameters(
      regional.region,
      context.service.secretKeys.map((key) => ({ key, arn: stack.fromOtherStack(regional.secrets.secrets[key]!.id) })),
    ),
    keys: context.service.secretKeys,
    labels,
  });
  const pods = [workload.stateless.deployment, ...(workload.stateful ? [workload.stateful.statefulSet] : [])];
  for (const pod of pods) {
    for (const [path, value] of Object.entries(secretSync.podOverrides)) pod.addOverride(path, value);
  }

  if (stateful) {
    // Per-replica claims for the stateful pool, encrypted with the region's key and kept on delete.
    new StorageClassV1(stack, 'encrypted_storage_class', {
      metadata: { name: ENCRYPTED_STORAGE_CLASS },
      storageProvisioner: AUTO_MODE_EBS_PROVISIONER,
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: stack.fromOtherStack(cluster.kmsKeyArn) },
    });
  }
  return stack;
}
