import type { Continent, SizeName } from '@mockforge-infra/core';
import type { MachineShape, NodeReserveModel } from '@mockforge-infra/kubernetes';

/**
 * Every Google Cloud-specific value in one table: machine types, versions, SKUs, API limits.
 * Numbers from the hosting guide come from @mockforge-infra/core, never from here.
 */

/** Cloud Run CPU steps; below 1 vCPU Cloud Run forces concurrency 1, so smaller sizes round up. */
export const CLOUD_RUN_CPU_STEPS = [1, 2, 4, 6, 8] as const;

/** Cloud Run's minimum memory per CPU step, MiB. */
export const CLOUD_RUN_MIN_MEMORY_MIB: Readonly<Record<(typeof CLOUD_RUN_CPU_STEPS)[number], number>> = {
  1: 512,
  2: 1024,
  4: 2048,
  6: 4096,
  8: 4096,
};

/** Cloud Run probe limits (seconds): startup period 1-240, liveness period 1-3600, timeout 1..period. */
export const CLOUD_RUN_PROBE_LIMITS = {
  startup: { minPeriod: 1, maxPeriod: 240 },
  liveness: { minPeriod: 1, maxPeriod: 3600 },
} as const;

/** Cloud Run's longest request timeout; WebSocket connections live at most this long. */
export const CLOUD_RUN_MAX_REQUEST_TIMEOUT_SECONDS = 3600;

export const CLOUD_RUN_EXECUTION_ENVIRONMENT = 'EXECUTION_ENVIRONMENT_GEN2';

export interface GcpSize {
  /**
   * Cloud SQL machine tier (Enterprise edition): staging (and dev on GKE) run the shared-core
   * db-f1-micro (private IP, IAM auth and PITR work; no SLA, 0.6 GB, 25 connections by default),
   * production sizes a dedicated custom machine.
   */
  readonly sqlTier: string;
  /**
   * The tier when the database fails over to another zone, where it differs: Cloud SQL's SLA covers
   * only high-availability instances with a dedicated core, so a zone-redundant staging takes one.
   */
  readonly sqlTierHighlyAvailable?: string;
  readonly sqlDiskGb: number;
  readonly redisMemoryGb: number;
  /** GKE node family; the machine within it and the node counts follow from the pods (`planNodePool`). */
  readonly gkeNodeFamily: GkeNodeFamily;
}

export type GkeNodeFamily = 'e2-standard' | 'n2-standard';

/** Standard shapes (4 GiB per vCPU), small to large; GKE Standard admits 110 pods per node by default. */
export const GKE_NODE_SHAPES: Readonly<Record<GkeNodeFamily, readonly MachineShape[]>> = {
  'e2-standard': [2, 4, 8, 16, 32].map((vcpu) => ({ name: `e2-standard-${vcpu}`, vcpu, memoryMiB: vcpu * 4096, maxPods: 110 })),
  'n2-standard': [2, 4, 8, 16, 32].map((vcpu) => ({ name: `n2-standard-${vcpu}`, vcpu, memoryMiB: vcpu * 4096, maxPods: 110 })),
};

/** GKE's memory reserve, by band: 25 % of the first 4 GiB, 20 % of the next 4, 10 % of the next 8, 6 % to 128 GiB, 2 % above. */
const GKE_MEMORY_BANDS: readonly { readonly upToMiB: number; readonly share: number }[] = [
  { upToMiB: 4096, share: 0.25 },
  { upToMiB: 8192, share: 0.2 },
  { upToMiB: 16384, share: 0.1 },
  { upToMiB: 131072, share: 0.06 },
  { upToMiB: Infinity, share: 0.02 },
];

interface ContainerResources {
  readonly requests: { readonly cpuMillis: number; readonly memoryMiB: number };
  readonly limits: { readonly cpuMillis: number; readonly memoryMiB: number };
}

/**
 * The Secrets Store CSI driver (the kubernetes-sigs chart) and Google's Secret Manager plugin for it
 * (v1.15.0, by digest), on every GKE node: they sync the pods' Kubernetes Secret from Secret Manager.
 * Requests and limits are the upstream defaults, set explicitly so the node reserve counts them.
 */
export const GKE_SECRETS_STORE = {
  chart: {
    repository: 'https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts',
    name: 'secrets-store-csi-driver',
    version: '1.6.0',
  },
  /** How often the driver re-reads Secret Manager and updates the synced Secret. */
  rotationPollInterval: '2m',
  pluginImage:
    'us-docker.pkg.dev/secretmanager-csi/secrets-store-csi-driver-provider-gcp/plugin@sha256:c87cfa3e8be097c0034f136fb56e37d76966430b69223c12d179398ea0584576',
  /** Hands the plugin's socket directory on the node to its non-root user. Fully qualified, as allowlists match names. */
  initImage: 'docker.io/library/busybox:1.37.0',
  resources: {
    driver: { requests: { cpuMillis: 50, memoryMiB: 100 }, limits: { cpuMillis: 200, memoryMiB: 200 } },
    registrar: { requests: { cpuMillis: 10, memoryMiB: 20 }, limits: { cpuMillis: 100, memoryMiB: 100 } },
    livenessProbe: { requests: { cpuMillis: 10, memoryMiB: 20 }, limits: { cpuMillis: 100, memoryMiB: 100 } },
    plugin: { requests: { cpuMillis: 50, memoryMiB: 100 }, limits: { cpuMillis: 50, memoryMiB: 100 } },
  } satisfies Record<string, ContainerResources>,
} as const;

function sumRequests(resources: Record<string, ContainerResources>, key: 'cpuMillis' | 'memoryMiB'): number {
  return Object.values(resources).reduce((sum, r) => sum + r.requests[key], 0);
}

/**
 * What a GKE Standard node keeps from pods: the memory bands above (255 MiB below 1 GiB), a
 * 100 MiB eviction threshold, and an allowance for GKE's DaemonSets on every node (Dataplane V2,
 * the GKE metadata server for Workload Identity, logging and metrics agents, the PD CSI node
 * plugin), rounded up, plus the requests of the Secrets Store CSI driver and its Google plugin
 * (`GKE_SECRETS_STORE`). The CPU reserve is the kubelet's formula in @mockforge-infra/kubernetes.
 */
export const GKE_NODE_RESERVE: NodeReserveModel = {
  reservedMemoryMiB: (s) => {
    if (s.memoryMiB < 1024) return 255;
    let from = 0;
    let reserved = 0;
    for (const band of GKE_MEMORY_BANDS) {
      reserved += Math.max(0, Math.min(s.memoryMiB, band.upToMiB) - from) * band.share;
      from = band.upToMiB;
    }
    return Math.round(reserved);
  },
  evictionMiB: 100,
  daemonSets: {
    cpuMillis: 500 + sumRequests(GKE_SECRETS_STORE.resources, 'cpuMillis'),
    memoryMiB: 1024 + sumRequests(GKE_SECRETS_STORE.resources, 'memoryMiB'),
  },
};

export const GCP_SIZES: Readonly<Record<SizeName, GcpSize>> = {
  dev: { sqlTier: 'db-f1-micro', sqlDiskGb: 10, redisMemoryGb: 1, gkeNodeFamily: 'e2-standard' },
  staging: {
    sqlTier: 'db-f1-micro',
    sqlTierHighlyAvailable: 'db-custom-1-3840',
    sqlDiskGb: 20,
    redisMemoryGb: 1,
    gkeNodeFamily: 'e2-standard',
  },
  small: { sqlTier: 'db-custom-2-7680', sqlDiskGb: 50, redisMemoryGb: 2, gkeNodeFamily: 'e2-standard' },
  medium: { sqlTier: 'db-custom-4-15360', sqlDiskGb: 100, redisMemoryGb: 5, gkeNodeFamily: 'n2-standard' },
  large: { sqlTier: 'db-custom-8-30720', sqlDiskGb: 200, redisMemoryGb: 10, gkeNodeFamily: 'n2-standard' },
};

export const CLOUD_SQL = {
  /** CKV_GCP_79 asks for the newest major version; the provider passes the string through. */
  databaseVersion: 'POSTGRES_18',
  /** Explicit, because PostgreSQL 16+ otherwise defaults to Enterprise Plus and its machine types. */
  edition: 'ENTERPRISE',
  diskType: 'PD_SSD',
  /** Enterprise edition keeps at most 7 days of write-ahead log for point-in-time recovery. */
  transactionLogRetentionDays: 7,
  sslMode: 'ENCRYPTED_ONLY',
  updateTrack: 'stable',
} as const;

export const MEMORYSTORE = {
  redisVersion: 'REDIS_7_2',
  transitEncryptionMode: 'SERVER_AUTHENTICATION',
  connectMode: 'PRIVATE_SERVICE_ACCESS',
  /** Snapshot periods Memorystore accepts, by hours. */
  rdbPeriods: { 1: 'ONE_HOUR', 6: 'SIX_HOURS', 12: 'TWELVE_HOURS', 24: 'TWENTY_FOUR_HOURS' } as Readonly<Record<number, string>>,
} as const;

/** Multi-region locations for backups and buckets, by the continent of the primary region. */
export const MULTI_REGION_BY_CONTINENT: Readonly<Record<Continent, string>> = {
  NA: 'us',
  SA: 'us',
  EU: 'eu',
  AF: 'eu',
  AS: 'asia',
  OC: 'asia',
  AN: 'us',
};

/**
 * Address plan inside each region's VPC block (prefix p, /16 to /20): the subnet's primary range,
 * GKE pod and service ranges, and (primary region only) the Private Service Access range.
 * Each entry is [extra prefix bits, index] for core's `subnet()`.
 */
export const ADDRESS_PLAN = {
  nodes: [1, 0],
  pods: [2, 2],
  services: [4, 12],
  privateServiceAccess: [4, 13],
  /** The control plane takes the first /28 of this block. */
  gkeControlPlane: [4, 14],
} as const;

export const GKE_CONTROL_PLANE_PREFIX = 28;

export const SSL_POLICY = { profile: 'MODERN', minTlsVersion: 'TLS_1_2' } as const;

/** Cloud Armor: the per-client rate limit (the OWASP rule sets live with the policy, mapped onto core's EDGE_PROTECTIONS). */
export const CLOUD_ARMOR = {
  /** The count per interval comes from core's EDGE_RATE_LIMIT; 60 s is one of Cloud Armor's allowed intervals. */
  rateLimit: { intervalSeconds: 60, banSeconds: 300 },
  /** Subexpressions (terms joined by `&&` or `||`) one rule's match expression may hold. */
  maxSubexpressions: 5,
} as const;

export const UPTIME_CHECK_PERIOD = '60s';

export const GKE = {
  releaseChannel: 'REGULAR',
  /** Zones a regional cluster's nodes span (`gkeZones`); `initial_node_count` is per zone. */
  defaultZones: 3,
  /**
   * The zone suffixes the nodes run in, named so the global stack knows where the standalone NEGs
   * are (one per zone with nodes). Most regions have -a, -b and -c; these start at -b.
   */
  zoneSuffixes: { default: ['a', 'b', 'c'], 'us-east1': ['b', 'c', 'd'], 'europe-west1': ['b', 'c', 'd'] } as Readonly<
    Record<string, readonly string[]>
  >,
  diskSizeGb: 50,
  diskType: 'pd-balanced',
  imageType: 'COS_CONTAINERD',
} as const;

/** Flow logs on every subnet. */
export const FLOW_LOGS = { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' } as const;

/** Allow rules win over the catch-all deny, which sits just above the implied rules. */
export const FIREWALL_PRIORITIES = { allow: 1000, denyAll: 65534 } as const;

/** The Google-built OpenTelemetry Collector, run as a Cloud Run sidecar that exports OTLP traces to Cloud Trace. */
export const OTEL_COLLECTOR = {
  image: 'us-docker.pkg.dev/cloud-ops-agents-artifacts/google-cloud-opentelemetry-collector/otelcol-google:0.144.0',
  healthPort: 13133,
  /**
   * Production's instances run MockForge at 2 vCPU. Dev and staging run it at 1 vCPU, whose spans
   * (sampled at 0.1) a quarter vCPU batches and exports; an instance's containers may add up to a
   * fraction above 1 vCPU, and a warm instance bills its whole CPU at the idle rate.
   */
  limits: {
    production: { cpu: '1', memory: '512Mi' },
    nonProduction: { cpu: '250m', memory: '512Mi' },
  },
} as const;

/** Artifact Registry remote repository upstream for the MockForge image. */
export const GHCR_UPSTREAM_URI = 'https://ghcr.io';

export const DNS_RECORD_TTL_SECONDS = 300;

/**
 * Days a deleted or overwritten access-log object stays recoverable in the versioned log bucket;
 * objects the age rule expires have already been kept for the whole log retention.
 */
export const ACCESS_LOG_NONCURRENT_DAYS = 7;
