import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import { KubernetesCluster } from '../compute/eks-cluster';
import { albLogBucket } from '../load-balancing/alb-log-bucket';
import { albIngressAnnotations } from '../load-balancing/ingress-annotations';
import { originWebAcl } from '../load-balancing/web-acl';
import { AWS_SIZES } from '../sizing';
import type { RegionalComputeInput } from './compute-input';

export interface EksCompute {
  readonly cluster: KubernetesCluster;
  /** For the workload's `alb` ingress: the controller builds the ALB from these. */
  readonly ingressAnnotations: Record<string, string>;
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
    nodeInstanceType: AWS_SIZES[profile.size].eksNodeInstanceType,
    imageRepositoryArnPattern: input.image.repositoryArnPattern,
    publicAccessCidrs: context.config.aws?.eksPublicAccessCidrs,
    spot: profile.spotAllowed,
    deletionProtection: profile.deletionProtection,
    blockStorage: context.topology.hasStatefulPool,
  });
  groups.allowDataAccessFrom('eks_cluster', cluster.clusterSecurityGroupId);
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
