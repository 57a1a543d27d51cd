import { scalingRange, type TargetContext, type TierName } from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { FargateCluster } from '../compute/ecs-cluster';
import { FargateService, type FargateServiceProps } from '../compute/fargate-service';
import { PrivateServiceName } from '../compute/service-discovery';
import { StateVolume } from '../compute/state-volume';
import { statefulRange } from '../compute/stateful-scaling';
import { albAlgorithm } from '../load-balancing/algorithm';
import { PublicLoadBalancer } from '../load-balancing/public-load-balancer';
import { RegionalAlarms } from '../monitoring/regional-alarms';
import { exemptionReason } from '../shared/exemptions';
import { AWS_SIZES } from '../sizing';
import type { RegionalComputeInput } from './compute-input';

/** Why dev and staging tasks have a public IP (CKV_AWS_333). */
export function publicTaskReason(tier: TierName): string {
  return `${tier} tier: tasks egress through their own public IP (about $3.65 a month each) instead of a NAT gateway ($32.85 plus its own address), for the ECR pull-through cache and remote OpenAPI specs; the app security group still admits port 3000 from the load balancer only and admin/metrics from 10.0.0.0/8`;
}

/**
 * Dev and staging on ECS run without a NAT gateway: their tasks sit in the public subnets and egress
 * through their own public IP. Production keeps its tasks private behind a NAT per AZ.
 */
export function ecsTasksArePublic(context: TargetContext): boolean {
  return context.tier !== 'production';
}

/**
 * A single-region tier on ECS puts an internal ALB behind a CloudFront VPC origin. With several regions
 * CloudFront's origin is the GeoDNS name, which a VPC origin (one ALB) cannot follow, so each region's
 * ALB stays internet-facing with its own web ACL.
 */
export function ecsOriginIsVpcOrigin(context: TargetContext): boolean {
  return !context.topology.isMultiRegion;
}

export interface EcsCompute {
  readonly loadBalancer: PublicLoadBalancer;
  readonly service: FargateService;
  readonly alarms: RegionalAlarms;
  readonly ecs: { readonly clusterName: string; readonly serviceName: string };
  readonly stateful?: { readonly service: FargateService; readonly volume: StateVolume; readonly hostName: string };
}

/**
 * The ECS path of a region: the Terraform-managed ALB, the Fargate cluster and service, the hybrid
 * stateful pool when the topology asks for it, and the ALB/ECS alarms. Constructs are added to
 * `scope` (the stack) directly, so their Terraform addresses do not depend on this grouping.
 */
export function addEcsCompute(scope: Construct, input: RegionalComputeInput): EcsCompute {
  const { context, name, network, securityGroups: groups, image } = input;
  const profile = context.profile;
  const size = AWS_SIZES[profile.size];
  const vpcOrigin = ecsOriginIsVpcOrigin(context);
  const loadBalancer = new PublicLoadBalancer(scope, 'load_balancer', {
    name,
    logBucketName: input.logBucketName,
    vpcId: network.networkId,
    subnetIds: vpcOrigin ? network.privateSubnetIds : network.publicSubnetIds,
    securityGroupId: groups.loadBalancer.id,
    certificateArn: input.certificateArn,
    algorithm: albAlgorithm(context.tier, context.loadBalancing),
    deletionProtection: profile.deletionProtection,
    deletionProtectionExemption: exemptionReason(context, 'deletion-protection'),
    hostName: input.hostName,
    ...(vpcOrigin
      ? { vpcOriginName: `${name}-${input.region}`, vpcOriginDependsOn: [network.internetGateway] }
      : { wafLogs: input.wafLogs }),
  });
  if (loadBalancer.vpcOrigin) groups.allowCloudFrontVpcOrigin(loadBalancer.vpcOrigin.serviceSecurityGroupId);
  const cluster = new FargateCluster(scope, 'cluster', { name, kmsKeyArn: input.kmsKeyArn, spot: profile.spotAllowed });
  // Without a NAT (dev, staging) the tasks sit in the public subnets and egress through their own public IP.
  const publicTasks = network.natGatewayCount === 0;
  const common: Omit<FargateServiceProps, 'name' | 'globalName' | 'scaling'> = {
    region: input.region,
    service: context.service,
    clusterName: cluster.cluster.name,
    clusterArn: cluster.cluster.arn,
    imageUri: image.imageUri,
    repositoryArnPattern: image.repositoryArnPattern,
    secrets: Object.fromEntries(Object.entries(input.secrets.secrets).map(([key, ref]) => [key, ref!.id])),
    kmsKeyArn: input.kmsKeyArn,
    cpuUnits: size.taskCpuUnits,
    memoryMiB: size.taskMemoryMiB,
    subnetIds: publicTasks ? network.publicSubnetIds : network.privateSubnetIds,
    securityGroupIds: [groups.app.id],
    publicIp: publicTasks ? { reason: publicTaskReason(context.tier) } : undefined,
    dependsOn: [cluster.capacityProviders, ...input.secretVersions],
  };
  const service = new FargateService(scope, 'service', {
    ...common,
    name,
    globalName: input.globalName('app'),
    targetGroupArn: loadBalancer.targetGroup.arn,
    scaling: {
      ...scalingRange(profile, 'ecs'),
      preset: profile.scaling,
      requestCountResourceLabel: loadBalancer.requestCountResourceLabel,
    },
    spot: profile.spotAllowed,
    dependsOn: [...common.dependsOn!, loadBalancer.httpsListener],
  });

  let stateful: EcsCompute['stateful'];
  if (context.topology.hasStatefulPool) {
    const volume = new StateVolume(scope, 'state_volume', {
      name: `${name}-state`,
      kmsKeyArn: input.kmsKeyArn,
      subnetIds: network.privateSubnetIds,
      securityGroupId: groups.efs!.id,
    });
    const internalName = new PrivateServiceName(scope, 'stateful_name', {
      namespace: `${context.tier}.${context.service.name}.internal`,
      service: 'stateful',
      vpcId: network.networkId,
    });
    const statefulService = new FargateService(scope, 'stateful_service', {
      ...common,
      name: `${name}-stateful`,
      globalName: input.globalName('stateful'),
      serviceRegistryArn: internalName.registryArn,
      scaling: { ...statefulRange(profile), preset: profile.scaling },
      stateVolume: volume,
    });
    stateful = { service: statefulService, volume, hostName: internalName.hostName };
  }

  const ecs = { clusterName: cluster.cluster.name, serviceName: service.serviceName };
  const alarms = new RegionalAlarms(scope, 'alarms', {
    name,
    topicArn: input.alertTopicArn,
    loadBalancerArnSuffix: loadBalancer.lb.arnSuffix,
    targetGroupArnSuffix: loadBalancer.targetGroup.arnSuffix,
    ecs,
  });
  return { loadBalancer, service, alarms, ecs, stateful };
}
