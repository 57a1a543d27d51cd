import type { SizeName, TierName } from '@mockforge-infra/core';
import type { MachineShape, NodeReserveModel } from '@mockforge-infra/kubernetes';

/**
 * Every Azure-specific value in one table: SKUs, versions, API enums. Numbers from the hosting guide
 * come from @mockforge-infra/core, never from here.
 */

/** One replica: the MockForge container plus the OpenTelemetry Collector sidecar (OTEL_COLLECTOR). */
export interface ContainerAppsShape {
  /** `Consumption`, or the dedicated workload profile type that holds the replica. */
  readonly workloadProfileType: string;
  readonly cpu: number;
  /** Container Apps takes memory as `<n>Gi`. */
  readonly memoryGi: number;
}

export interface AzureSize {
  readonly containerApps: ContainerAppsShape;
  /** PostgreSQL Flexible Server compute SKU (without zone-redundant HA; see postgresSku()). */
  readonly postgresSku: string;
  readonly postgresStorageMb: number;
  /** Azure Managed Redis SKU. */
  readonly redisSku: string;
}

/** Container Apps' consumption profile: memory is twice the vCPU in GiB, at most 4 vCPU / 8 GiB, in 0.25 vCPU steps. */
export const CONSUMPTION = { name: 'Consumption', maxCpu: 4, memoryGiPerCpu: 2, cpuStep: 0.25 } as const;

/**
 * The guide's tier sizes (core TIER_SIZING) on Container Apps, per replica (MockForge plus the
 * 0.25 vCPU / 0.5 GiB collector sidecar; the pair must be one Container Apps accepts). MockForge keeps
 * the guide's vCPU and memory rises to the 1:2 ratio: dev 0.5 vCPU / 512 MiB → replica 0.75 / 1.5 GiB
 * (MockForge 0.5 / 1 GiB), staging 1 / 1 GiB → 1.25 / 2.5 GiB, small 2 / 2 GiB → 2.25 / 4.5 GiB,
 * medium 4 / 4 GiB → 4 / 8 GiB, the consumption ceiling, so MockForge gets 3.75 vCPU / 7.5 GiB.
 * Large (8 vCPU / 8 GiB) exceeds it and runs on a dedicated D16 profile (16 vCPU / 64 GiB nodes, one
 * replica each with room for the platform's reservations): 8.25 vCPU / 16.5 GiB.
 * PostgreSQL: Burstable B1ms in staging (single zone by default), General Purpose D-series in production;
 * a zone-redundant or replicated staging server takes POSTGRES_HA_SKU (Burstable has neither).
 * Redis: Balanced B0 in staging (no geo-replication there), B3 and up in production (B3 is the
 * smallest SKU that geo-replicates). AKS nodes: the guide's Standard_D2s_v3 in its current generation
 * (Dsv5, AKS_NODE_SHAPES); the user pool takes the smallest that holds a pod (`aksNodePlan`).
 */
export const AZURE_SIZES: Readonly<Record<SizeName, AzureSize>> = {
  dev: {
    containerApps: { workloadProfileType: CONSUMPTION.name, cpu: 0.75, memoryGi: 1.5 },
    postgresSku: 'B_Standard_B1ms',
    postgresStorageMb: 32768,
    redisSku: 'Balanced_B0',
  },
  staging: {
    containerApps: { workloadProfileType: CONSUMPTION.name, cpu: 1.25, memoryGi: 2.5 },
    postgresSku: 'B_Standard_B1ms',
    postgresStorageMb: 32768,
    redisSku: 'Balanced_B0',
  },
  small: {
    containerApps: { workloadProfileType: CONSUMPTION.name, cpu: 2.25, memoryGi: 4.5 },
    postgresSku: 'GP_Standard_D2ds_v5',
    postgresStorageMb: 131072,
    redisSku: 'Balanced_B3',
  },
  medium: {
    containerApps: { workloadProfileType: CONSUMPTION.name, cpu: 4, memoryGi: 8 },
    postgresSku: 'GP_Standard_D4ds_v5',
    postgresStorageMb: 262144,
    redisSku: 'Balanced_B5',
  },
  large: {
    containerApps: { workloadProfileType: 'D16', cpu: 8.25, memoryGi: 16.5 },
    postgresSku: 'GP_Standard_D8ds_v5',
    postgresStorageMb: 524288,
    redisSku: 'Balanced_B10',
  },
};

/** A cpu/memory pair Container Apps runs: on consumption the 1:2 pair up to 4 vCPU, else a dedicated profile. */
export function containerAppsShapeIsValid(shape: ContainerAppsShape): boolean {
  const steps = shape.cpu / CONSUMPTION.cpuStep;
  if (!Number.isInteger(steps) || shape.cpu <= 0) return false;
  if (shape.workloadProfileType !== CONSUMPTION.name) return shape.memoryGi >= shape.cpu;
  return shape.cpu <= CONSUMPTION.maxCpu && shape.memoryGi === shape.cpu * CONSUMPTION.memoryGiPerCpu;
}

/** The smallest General Purpose SKU: Burstable servers take neither zone-redundant HA nor read replicas. */
export const POSTGRES_HA_SKU = 'GP_Standard_D2ds_v5';

/** A size's PostgreSQL SKU, General Purpose where the server runs zone-redundant HA or has read replicas. */
export function postgresSku(size: SizeName, needs: { highlyAvailable: boolean; crossRegionReplicas: boolean }): string {
  const sku = AZURE_SIZES[size].postgresSku;
  return (needs.highlyAvailable || needs.crossRegionReplicas) && sku.startsWith('B_') ? POSTGRES_HA_SKU : sku;
}

export const POSTGRES = {
  version: '16',
  storageTier: undefined,
  administratorLogin: 'mockforge_admin',
  sslMinProtocol: 'TLSv1.2',
} as const;

export const MANAGED_REDIS = {
  /** One endpoint for clients that are not cluster-aware (MockForge's Redis client is not). */
  clusteringPolicy: 'EnterpriseCluster',
  clientProtocol: 'Encrypted',
  /** Active geo-replication takes only NoEviction, and no persistence. */
  evictionPolicy: 'NoEviction',
  /** Single-region tiers persist an RDB snapshot this often. */
  persistenceFrequency: '1h',
} as const;

export const CONTAINER_REGISTRY = { sku: 'Standard', ghcrCacheRule: 'ghcr' } as const;

export const KEY_VAULT = { sku: 'standard', softDeleteRetentionDays: 90 } as const;

export const STORAGE = { tier: 'Standard', replication: { protected: 'GRS', dev: 'LRS' }, minTls: 'TLS1_2' } as const;

export const LOG_ANALYTICS = { sku: 'PerGB2018' } as const;

/** Front Door Premium: private link origins and managed WAF rule sets need it. */
export const FRONT_DOOR = {
  sku: 'Premium_AzureFrontDoor',
  wafRuleSet: { type: 'Microsoft_DefaultRuleSet', version: '2.1' },
  botRuleSet: { type: 'Microsoft_BotManagerRuleSet', version: '1.1' },
  /** DRS 2.1's method rule: it admits only GET, HEAD, POST and OPTIONS. */
  methodEnforcement: { group: 'METHOD-ENFORCEMENT', ruleId: '911100' },
  /** Latency routing: origins within this many ms of the fastest share traffic. */
  additionalLatencyMs: 50,
  sampleSize: 4,
  successfulSamplesRequired: 3,
  /** Azure Front Door caps origin response time at 240 s. */
  responseTimeoutSeconds: 240,
  minimumTls: 'TLS12',
} as const;

/**
 * Application Insights availability tests, billed per run: production probes from US East, West
 * Europe and Southeast Asia every 5 minutes; dev and staging from US East every 15 minutes (one
 * region, one audience). Application Insights allows 300, 600 or 900 s; the timeout is up to 120 s.
 */
export const WEB_TEST = {
  production: { frequencySeconds: 300, locations: ['us-va-ash-azr', 'emea-nl-ams-azr', 'apac-sg-sin-azr'] },
  other: { frequencySeconds: 900, locations: ['us-va-ash-azr'] },
  timeoutSeconds: 30,
} as const;

/** Window sizes a metric alert takes (PT1M to P1D), in seconds. */
export const METRIC_ALERT_WINDOWS_SECONDS = [60, 300, 900, 1800, 3600, 21600, 43200, 86400] as const;

/** The availability test of a tier. */
export function webTest(tier: TierName): { frequencySeconds: number; locations: readonly string[] } {
  return tier === 'production' ? WEB_TEST.production : WEB_TEST.other;
}

export const AKS = {
  /** Standard (financially backed SLA) in production, Free elsewhere. */
  skuTier: { production: 'Standard', other: 'Free' },
  networkPlugin: 'azure',
  networkPluginMode: 'overlay',
  networkDataPlane: 'cilium',
  networkPolicy: 'cilium',
  automaticUpgradeChannel: 'patch',
  nodeOsUpgradeChannel: 'NodeImage',
  podCidr: '192.168.0.0/16',
  serviceCidr: '172.16.0.0/16',
  dnsServiceIp: '172.16.0.10',
  zones: ['1', '2', '3'],
  /** The application routing add-on's managed ingress-nginx class, and its namespace. */
  ingressClassName: 'webapprouting.kubernetes.azure.com',
  ingressNamespace: 'app-routing-system',
  maxPodsPerNode: 110,
} as const;

/** The OpenTelemetry Collector sidecar that forwards MockForge's OTLP to Application Insights. */
export const OTEL_COLLECTOR = {
  image: 'otel/opentelemetry-collector-contrib:0.114.0',
  cpu: 0.25,
  memoryGi: 0.5,
} as const;

/** Azure Monitor alert severities: 1 (error) for critical, 2 (warning) for warning. */
export const ALERT_SEVERITY = { critical: 1, warning: 2 } as const;

export const DNS_RECORD_TTL_SECONDS = 300;

/** AKS node VM sizes (Dsv5, general purpose), small to large: [name, vCPU, memory GiB]. */
const AKS_VM_SIZES: readonly (readonly [string, number, number])[] = [
  ['Standard_D2s_v5', 2, 8],
  ['Standard_D4s_v5', 4, 16],
  ['Standard_D8s_v5', 8, 32],
  ['Standard_D16s_v5', 16, 64],
];

export const AKS_NODE_SHAPES: readonly MachineShape[] = AKS_VM_SIZES.map(([name, vcpu, gib]) => ({
  name,
  vcpu,
  memoryMiB: gib * 1024,
  maxPods: AKS.maxPodsPerNode,
}));

/**
 * What an AKS node keeps from MockForge pods (AKS 1.29+): kube-reserved memory of 20 MiB per pod the
 * node admits plus 50 MiB, the kubelet's 100 MiB eviction threshold, and an allowance for AKS's own
 * DaemonSets on every node (Cilium, CSI drivers, the Key Vault provider, Azure Monitor agents). The
 * CPU reserve is the kubelet's formula in @mockforge-infra/kubernetes.
 */
export const AKS_NODE_RESERVE: NodeReserveModel = {
  reservedMemoryMiB: (s) => 20 * s.maxPods + 50,
  evictionMiB: 100,
  daemonSets: { cpuMillis: 600, memoryMiB: 1024 },
};

/** The guide's AKS node pool bounds per pool: three zones, 3 to 10 nodes. */
export const AKS_POOL_BOUNDS = { min: 3, max: 10 } as const;
