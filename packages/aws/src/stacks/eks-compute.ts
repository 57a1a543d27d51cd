import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import { KubernetesCluster, type EksNodeSizing } from '../compute/eks-cluster';
import type { TargetContext } from '@mockforge-infra/core';
import { albLogBucket } from '../load-balancing/alb-log-bucket';
import { eksManagedPrometheus } from '../monitoring/managed-prometheus';
import { albIngressAnnotations } from '../load-balancing/ingress-annotations';
import { originWebAcl } from '../load-balancing/web-acl';
import { AWS_SIZES, EKS_NODE_RESERVE, EKS_NODE_SHAPES } from '../sizing';
import type { RegionalComputeInput } from './compute-input';

export interface EksCompute {
  readonly cluster: KubernetesCluster;
  /** For the workload's `alb` ingress: the controller builds the ALB from these. */
  readonly ingressAnnotations: Record<string, string>;
}

/**
 * The node group that follows from the workload: the smallest instance of the size's family that
 * holds one MockForge pod after the node's reservations, enough nodes for the HPAs' minimum pods
 * through a rollout in every AZ (the group does not grow by itself), and a maximum for their maximum
 * plus the rolling-update surge.
 */
export function eksNodeSizing(context: TargetContext): EksNodeSizing {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for EKS tiers, so ECS synths never load the Kubernetes package
  const k8s = require('@mockforge-infra/kubernetes') as typeof import('@mockforge-infra/kubernetes');
  const demand = k8s.workloadDemand(context);
  const shapes = EKS_NODE_SHAPES[AWS_SIZES[context.profile.size].eksNodeFamily];
  const zones = context.profile.availabilityZones;
  // Nothing adds nodes to a managed node group on its own (no Cluster Autoscaler or Karpenter yet).
  const plan = k8s.planNodePool(shapes, EKS_NODE_RESERVE, demand, zones, { autoscaled: false, zones });
  return { instanceType: plan.machine.name, minSize: plan.minNodes, maxSize: plan.maxNodes, labels: k8s.nodeSizingLabels(demand) };
}

/**
 * The EKS path of a region: the cluster with access to the data stores, and the pieces of the edge
 * the Load Balancer Controller attaches to its ALB (WAF, log bucket, certificate, security group).
 */
export function addEksCompute(scope: Construct, input: RegionalComputeInput): EksCompute {
  const { context, name, network, securityGroups: groups } = input;
  const profile = context.profile;
  const cluster = new KubernetesCluster(scope, 'kubernetes', {
    name,
    globalName: input.globalName('eks'),
    region: input.region,
    subnetIds: network.privateSubnetIds,
    kmsKeyArn: input.kmsKeyArn,
    nodes: eksNodeSizing(context),
    imageRepositoryArnPattern: input.image.repositoryArnPattern,
    publicAccessCidrs: context.config.aws?.eksPublicAccessCidrs,
    spot: profile.spotAllowed,
    deletionProtection: profile.deletionProtection,
    blockStorage: context.topology.hasStatefulPool,
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
