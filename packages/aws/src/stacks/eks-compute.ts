import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import { KubernetesCluster } from '../compute/eks-cluster';
import type { TargetContext } from '@mockforge-infra/core';
import { albLogBucket } from '../load-balancing/alb-log-bucket';
import { eksManagedPrometheus } from '../monitoring/managed-prometheus';
import { albIngressAnnotations } from '../load-balancing/ingress-annotations';
import { originWebAcl } from '../load-balancing/web-acl';
import { AWS_SIZES, EKS_NODE_RESERVE, EKS_NODE_SHAPES } from '../sizing';
import type { RegionalComputeInput } from './compute-input';

export interface EksCompute {
  readonly cluster: KubernetesCluster;
  /** For the workload's `alb` ingress: Auto Mode's load balancer controller builds the ALB from these. */
  readonly ingressAnnotations: Record<string, string>;
}

/** Auto Mode's NodePool for the MockForge pods, as the workload stack declares it. */
export interface EksNodePoolSizing {
  /** The family's sizes from the smallest that holds one pod upward; Karpenter picks among them. */
  readonly instanceTypes: readonly string[];
  /** Spot where the tier allows it, with on-demand when Spot has no capacity. */
  readonly capacityTypes: readonly string[];
  /** The pool's ceiling: the maximum nodes of the smallest size, in vCPU and MiB. */
  readonly limits: { readonly cpu: number; readonly memoryMiB: number };
  /** Kubernetes labels on every node (the sizing labels the capacity checks read). */
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The NodePool that follows from the workload: the smallest instance of the size's family that
 * holds one MockForge pod after the node's reservations (and the larger ones, for Karpenter to pack),
 * and a ceiling of enough of the smallest for the HPAs' maximum pods plus the rolling-update surge.
 * Karpenter adds nodes when pods are pending, so the floor follows the pods.
 */
export function eksNodePoolSizing(context: TargetContext): EksNodePoolSizing {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for EKS tiers, so ECS synths never load the Kubernetes package
  const k8s = require('@mockforge-infra/kubernetes') as typeof import('@mockforge-infra/kubernetes');
  const demand = k8s.workloadDemand(context);
  const shapes = EKS_NODE_SHAPES[AWS_SIZES[context.profile.size].eksNodeFamily];
  const plan = k8s.planNodePool(shapes, EKS_NODE_RESERVE, demand, context.profile.availabilityZones);
  return {
    instanceTypes: shapes.slice(shapes.indexOf(plan.machine)).map((s) => s.name),
    capacityTypes: context.profile.spotAllowed ? ['spot', 'on-demand'] : ['on-demand'],
    limits: { cpu: plan.maxNodes * plan.machine.vcpu, memoryMiB: plan.maxNodes * plan.machine.memoryMiB },
    labels: k8s.nodeSizingLabels(demand),
  };
}

/**
 * The EKS path of a region: the cluster with access to the data stores, and the pieces of the edge
 * Auto Mode's load balancer controller attaches to its ALB (WAF, log bucket, certificate, security group).
 */
export function addEksCompute(scope: Construct, input: RegionalComputeInput): EksCompute {
  const { context, name, network, securityGroups: groups } = input;
  const profile = context.profile;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for EKS tiers, as above
  const { NAMESPACE } = require('@mockforge-infra/kubernetes') as typeof import('@mockforge-infra/kubernetes');
  const cluster = new KubernetesCluster(scope, 'kubernetes', {
    name,
    globalName: input.globalName('eks'),
    region: input.region,
    subnetIds: network.privateSubnetIds,
    kmsKeyArn: input.kmsKeyArn,
    imageRepositoryArnPattern: input.image.repositoryArnPattern,
    publicAccessCidrs: context.config.aws?.eksPublicAccessCidrs,
    adminRoleArns: context.config.aws?.eksAdminRoleArns,
    deletionProtection: profile.deletionProtection,
    // The workload's namespace names its service account after itself.
    workloadSecrets: { namespace: NAMESPACE, serviceAccount: NAMESPACE, secretArns: input.secrets.arns },
  });
  groups.allowDataAccessFrom('eks_cluster', cluster.clusterSecurityGroupId);
  // The guide's alerts, unless config says a Prometheus Operator in the cluster evaluates them.
  if (!context.config.kubernetes?.prometheusOperator) eksManagedPrometheus(scope, input, cluster);
  const logs = albLogBucket(scope, 'load_balancer_logs', input.logBucketName);
  const waf = originWebAcl(scope, 'load_balancer_waf', name, input.wafLogs);
  const ingressAnnotations = albIngressAnnotations({
    certificateArn: input.certificateArn,
    webAclArn: waf.arn,
    securityGroupId: groups.loadBalancer.id,
    subnetIds: Fn.join(',', network.publicSubnetIds),
    logBucketName: logs.name,
    deletionProtection: profile.deletionProtection,
  });
  return { cluster, ingressAnnotations };
}
