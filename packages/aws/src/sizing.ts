import type { SizeName } from '@mockforge-infra/core';
import type { MachineShape, NodeReserveModel } from '@mockforge-infra/kubernetes';

/**
 * Every AWS-specific size, class and version, in one table. Core's TIER_SIZING says what a tier
 * needs (vCPU, MiB); this maps it to values AWS accepts.
 */
export interface AwsSize {
  /** Fargate task CPU units (1024 = 1 vCPU); a valid Fargate CPU/memory pair with `taskMemoryMiB`. */
  readonly taskCpuUnits: number;
  readonly taskMemoryMiB: number;
  readonly dbInstanceClass: string;
  readonly dbAllocatedStorageGiB: number;
  readonly dbMaxAllocatedStorageGiB: number;
  readonly cacheNodeType: string;
  /** Cluster-mode shards (production only; other tiers run one shard). */
  readonly cacheShards: number;
  /** EKS node family; the size within it and the node counts follow from the pods (`planNodePool`). */
  readonly eksNodeFamily: EksNodeFamily;
}

export type EksNodeFamily = 't3' | 'm6i';

const GIB = 1024;
const shape = (name: string, vcpu: number, memoryGiB: number, maxPods: number): MachineShape => ({
  name,
  vcpu,
  memoryMiB: memoryGiB * GIB,
  maxPods,
});

/**
 * EKS node shapes, small to large. `maxPods` is the VPC CNI's limit without prefix delegation
 * (ENIs × (IPv4 per ENI − 1) + 2, the EKS AMI's eni-max-pods table).
 */
export const EKS_NODE_SHAPES: Readonly<Record<EksNodeFamily, readonly MachineShape[]>> = {
  t3: [shape('t3.medium', 2, 4, 17), shape('t3.large', 2, 8, 35), shape('t3.xlarge', 4, 16, 58), shape('t3.2xlarge', 8, 32, 58)],
  m6i: [
    shape('m6i.large', 2, 8, 29),
    shape('m6i.xlarge', 4, 16, 58),
    shape('m6i.2xlarge', 8, 32, 58),
    shape('m6i.4xlarge', 16, 64, 234),
    shape('m6i.8xlarge', 32, 128, 234),
  ],
};

/**
 * What an EKS node keeps from pods: kube-reserved memory of 255 MiB + 11 MiB per admitted pod, a
 * 100 MiB eviction threshold, and an allowance for the DaemonSets every node runs (on Auto Mode the
 * Secrets Store CSI driver and its AWS provider; the CNI, kube-proxy and EBS CSI run outside pods),
 * rounded up. The CPU reserve is the kubelet's formula in @mockforge-infra/kubernetes.
 */
export const EKS_NODE_RESERVE: NodeReserveModel = {
  reservedMemoryMiB: (s) => 255 + 11 * s.maxPods,
  evictionMiB: 100,
  daemonSets: { cpuMillis: 250, memoryMiB: 512 },
};

/**
 * Fargate rejects 0.5 vCPU / 512 MiB (512 units need >= 1 GiB), 2 vCPU / 2 GiB (>= 4 GiB),
 * 4 vCPU / 4 GiB (>= 8 GiB) and 8 vCPU / 8 GiB (>= 16 GiB): each tier keeps its vCPU and moves
 * memory up to the smallest valid amount.
 */
export const AWS_SIZES: Readonly<Record<SizeName, AwsSize>> = {
  dev: {
    taskCpuUnits: 512,
    taskMemoryMiB: 1024,
    // The smallest burstable class; RDS for PostgreSQL keeps Performance Insights, IAM auth and KMS on it.
    dbInstanceClass: 'db.t4g.micro',
    dbAllocatedStorageGiB: 20,
    dbMaxAllocatedStorageGiB: 50,
    cacheNodeType: 'cache.t4g.micro',
    cacheShards: 1,
    eksNodeFamily: 't3',
  },
  staging: {
    taskCpuUnits: 1024,
    taskMemoryMiB: 2048,
    // Staging's single-zone PostgreSQL carries test traffic, not production load: the smallest burstable class, as in dev.
    dbInstanceClass: 'db.t4g.micro',
    dbAllocatedStorageGiB: 20,
    dbMaxAllocatedStorageGiB: 100,
    cacheNodeType: 'cache.t4g.micro',
    cacheShards: 1,
    eksNodeFamily: 'm6i',
  },
  small: {
    taskCpuUnits: 2048,
    taskMemoryMiB: 4096,
    dbInstanceClass: 'db.m7g.large',
    dbAllocatedStorageGiB: 50,
    dbMaxAllocatedStorageGiB: 500,
    cacheNodeType: 'cache.m7g.large',
    cacheShards: 2,
    eksNodeFamily: 'm6i',
  },
  medium: {
    taskCpuUnits: 4096,
    taskMemoryMiB: 8192,
    dbInstanceClass: 'db.r7g.large',
    dbAllocatedStorageGiB: 100,
    dbMaxAllocatedStorageGiB: 1000,
    cacheNodeType: 'cache.r7g.large',
    cacheShards: 2,
    eksNodeFamily: 'm6i',
  },
  large: {
    taskCpuUnits: 8192,
    taskMemoryMiB: 16384,
    dbInstanceClass: 'db.r7g.xlarge',
    dbAllocatedStorageGiB: 200,
    dbMaxAllocatedStorageGiB: 2000,
    cacheNodeType: 'cache.r7g.xlarge',
    cacheShards: 3,
    eksNodeFamily: 'm6i',
  },
};

/** Engine and platform versions, and fixed AWS settings that are not seed numbers. */
export const AWS_PLATFORM = {
  postgresEngineVersion: '17',
  postgresParameterFamily: 'postgres17',
  postgresCaCertificate: 'rds-ca-rsa2048-g1',
  redisEngine: 'redis',
  redisEngineVersion: '7.1',
  redisParameterGroup: { clusterMode: 'default.redis7.cluster.on', single: 'default.redis7' },
  /** Generated password of the Redis user behind REDIS_URL (letters and digits; ElastiCache takes 16-128). */
  redisPasswordLength: 64,
  /** Enhanced monitoring interval, seconds (one of 1/5/10/15/30/60). */
  dbMonitoringIntervalSeconds: 60,
  /** Performance Insights free tier. */
  performanceInsightsRetentionDays: 7,
  eksVersion: '1.33',
  /**
   * EKS add-ons beside what Auto Mode runs itself (CNI, kube-proxy, CoreDNS, Pod Identity agent, EBS
   * CSI): metrics-server feeds the HPAs; the Secrets Store CSI driver with its AWS provider syncs the
   * workload's Secrets Manager values into its Kubernetes Secret, which the driver does only when asked to.
   */
  eksAddons: {
    'metrics-server': undefined,
    'aws-secrets-store-csi-driver-provider': { 'secrets-store-csi-driver': { syncSecret: { enabled: true } } },
  } as Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>,
  /** WAF rate-based rule window, seconds (one of 60/120/300/600); the limit comes from core's EDGE_RATE_LIMIT. */
  wafRateWindowSeconds: 60,
  /** Days a log bucket keeps overwritten or deleted object versions. */
  logNoncurrentVersionDays: 30,
  albTlsPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
  cloudFrontMinimumTls: 'TLSv1.2_2021',
  cloudFrontOriginSslProtocols: ['TLSv1.2'],
  cloudFrontPriceClass: 'PriceClass_All',
  /** AWS managed CloudFront policies. */
  cloudFrontManaged: {
    cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
    allViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
    allViewer: '216adef6-5c7f-47e4-b989-5492eafa07d3',
  },
  cloudFrontPrefixList: 'com.amazonaws.global.cloudfront.origin-facing',
  /** The group CloudFront creates in a VPC for its VPC origins' network interfaces (one per VPC, this account's). */
  cloudFrontVpcOriginSecurityGroup: 'CloudFront-VPCOrigins-Service-SG',
  /** AWS Distro for OpenTelemetry collector, the tracing sidecar (pulled from ECR Public through NAT). */
  otelCollectorImage: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3',
  ecrPullThroughPrefix: 'ghcr',
  /** Secrets Manager requires this name prefix for pull-through cache credentials. */
  ecrCredentialSecretPrefix: 'ecr-pullthroughcache/',
  /** Alarm metric period, seconds. */
  alarmPeriodSeconds: 60,
  /** HSTS max-age for viewer responses (one year). */
  hstsMaxAgeSeconds: 31536000,
  /** Origin status codes that make CloudFront retry the failover origin. */
  originFailoverStatusCodes: [500, 502, 503, 504],
  /** The region CloudFront certificates, CLOUDFRONT-scope WAFs and Route 53 metrics live in. */
  globalServicesRegion: 'us-east-1',
} as const;

/**
 * Zone IDs, by region, where CloudFront VPC origins or Fargate do not run; the VPC leaves them out of
 * its zones. Sources: the CloudFront Developer Guide, "Restrict access with VPC origins" (Supported AWS
 * Regions for VPC origins: us-east-1 except use1-az3, us-west-1 except usw1-az2, ap-northeast-1 except
 * apne1-az3, ca-central-1 except cac1-az3), and the Amazon ECS Developer Guide, "Supported Regions for
 * Amazon ECS on AWS Fargate" (us-west-1 usw1-az1 and usw1-az3 only, ap-northeast-1 apne1-az1, -az2 and
 * -az4 only). Every other region core allows is listed by both without an exception.
 */
export const AWS_UNSUPPORTED_ZONE_IDS: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['use1-az3'],
  'us-west-1': ['usw1-az2'],
  'ap-northeast-1': ['apne1-az3'],
  'ca-central-1': ['cac1-az3'],
};
