import type { SizeName } from '@mockforge-infra/core';
import type { MachineShape, NodeReserveModel } from '@mockforge-infra/kubernetes';

/**
 * Every DigitalOcean-specific value in one table: slugs, versions, API enums. Numbers from the
 * hosting guide come from @mockforge-infra/core, never from here.
 */

export interface DigitalOceanSize {
  /** App Platform instance size. */
  readonly appInstance: string;
  /** Dedicated (apps-d-*) sizes autoscale; shared ones run a fixed count. */
  readonly appAutoscales: boolean;
  /** Managed PostgreSQL node size. */
  readonly databaseSize: string;
  /** Managed Valkey node size. */
  readonly cacheSize: string;
  /** DOKS node family; the Droplet within it and the pool limits follow from the pods (`planNodePool`). */
  readonly doksNodeFamily: DoksNodeFamily;
}

/** Basic (shared vCPU) Droplets for dev and staging, General Purpose (dedicated vCPU) for production. */
export type DoksNodeFamily = 'basic' | 'general-purpose';

/** A DOKS node admits at most 110 pods. */
const DOKS_MAX_PODS = 110;

/** Droplet sizes DOKS node pools take, small to large: [slug, vCPU, memory GiB]. */
const DROPLETS: Readonly<Record<DoksNodeFamily, readonly (readonly [string, number, number])[]>> = {
  basic: [
    ['s-1vcpu-2gb', 1, 2],
    ['s-2vcpu-4gb', 2, 4],
    ['s-4vcpu-8gb', 4, 8],
    ['s-8vcpu-16gb', 8, 16],
  ],
  'general-purpose': [
    ['g-2vcpu-8gb', 2, 8],
    ['g-4vcpu-16gb', 4, 16],
    ['g-8vcpu-32gb', 8, 32],
    ['g-16vcpu-64gb', 16, 64],
  ],
};

const shapes = (sizes: readonly (readonly [string, number, number])[]): MachineShape[] =>
  sizes.map(([name, vcpu, gib]) => ({ name, vcpu, memoryMiB: gib * 1024, maxPods: DOKS_MAX_PODS }));

export const DOKS_NODE_SHAPES: Readonly<Record<DoksNodeFamily, readonly MachineShape[]>> = {
  basic: shapes(DROPLETS.basic),
  'general-purpose': shapes(DROPLETS['general-purpose']),
};

/**
 * DOKS's allocatable memory by Droplet memory (GiB → GiB), from DigitalOcean's "Managed Elements of
 * DigitalOcean Kubernetes" (Allocatable Memory): what is left after the kubelet, the OS and eviction.
 */
export const DOKS_ALLOCATABLE_MEMORY_GIB: Readonly<Record<number, number>> = { 2: 1, 4: 2.5, 8: 6, 16: 13, 32: 28, 64: 58 };

/**
 * What a DOKS node keeps from MockForge pods: the memory DigitalOcean does not make allocatable
 * (eviction threshold included, so no separate one), and an allowance for DOKS's own DaemonSets on
 * every node (Cilium, the CSI node plugin, do-node-agent, konnectivity-agent), rounded up. The CPU
 * reserve is the kubelet's formula in @mockforge-infra/kubernetes.
 */
export const DOKS_NODE_RESERVE: NodeReserveModel = {
  reservedMemoryMiB: (s) => {
    const allocatable = DOKS_ALLOCATABLE_MEMORY_GIB[s.memoryMiB / 1024];
    if (allocatable === undefined) throw new Error(`no DOKS allocatable memory for ${s.name}`);
    return s.memoryMiB - allocatable * 1024;
  },
  evictionMiB: 0,
  daemonSets: { cpuMillis: 500, memoryMiB: 512 },
};

/**
 * The guide's tier sizes (core TIER_SIZING) on DigitalOcean. App Platform: dev 0.5 GiB on a shared
 * vCPU (the guide's 0.5 CPU), staging 1 GiB on one shared vCPU; production rounds memory up to the
 * dedicated size with the guide's vCPUs (2 → 2 vCPU/4 GiB, 4 → 4 vCPU/8 GiB, 8 → 8 vCPU/32 GiB).
 * Databases: the smallest size in dev and staging (single nodes), then one step up per size along
 * DigitalOcean's database sizes (1/1, 1/2, 2/4, 4/8, 6/16 vCPU/GiB; there is no 8-vCPU 16 GiB one).
 * A cluster with standby nodes takes at least `STANDBY_MINIMUM_SIZE` (`dataNodeSize`).
 */
export const DIGITALOCEAN_SIZES: Readonly<Record<SizeName, DigitalOceanSize>> = {
  dev: {
    appInstance: 'apps-s-1vcpu-0.5gb',
    appAutoscales: false,
    databaseSize: 'db-s-1vcpu-1gb',
    cacheSize: 'db-s-1vcpu-1gb',
    doksNodeFamily: 'basic',
  },
  staging: {
    appInstance: 'apps-s-1vcpu-1gb',
    appAutoscales: false,
    databaseSize: 'db-s-1vcpu-1gb',
    cacheSize: 'db-s-1vcpu-1gb',
    doksNodeFamily: 'basic',
  },
  small: {
    appInstance: 'apps-d-2vcpu-4gb',
    appAutoscales: true,
    databaseSize: 'db-s-2vcpu-4gb',
    cacheSize: 'db-s-2vcpu-4gb',
    doksNodeFamily: 'general-purpose',
  },
  medium: {
    appInstance: 'apps-d-4vcpu-8gb',
    appAutoscales: true,
    databaseSize: 'db-s-4vcpu-8gb',
    cacheSize: 'db-s-4vcpu-8gb',
    doksNodeFamily: 'general-purpose',
  },
  large: {
    appInstance: 'apps-d-8vcpu-32gb',
    appAutoscales: true,
    databaseSize: 'db-s-6vcpu-16gb',
    cacheSize: 'db-s-6vcpu-16gb',
    doksNodeFamily: 'general-purpose',
  },
};

/**
 * DigitalOcean supports standby nodes only on database plans with 2 GB of RAM or more (PostgreSQL and
 * Valkey alike), so the 1 GB plan runs single nodes only.
 */
export const STANDBY_MINIMUM_SIZE = 'db-s-1vcpu-2gb';
const NO_STANDBY_SIZES: readonly string[] = ['db-s-1vcpu-1gb'];

/** The plan a managed database cluster runs on: the tier's, raised to the standby minimum when it has standbys. */
export function dataNodeSize(size: string, standbyNodes: number): string {
  return standbyNodes > 0 && NO_STANDBY_SIZES.includes(size) ? STANDBY_MINIMUM_SIZE : size;
}

export const MANAGED_POSTGRES = { engine: 'pg', version: '17', poolMode: 'transaction', poolSize: 20 } as const;

/**
 * DigitalOcean's Redis successor; TLS is always on for its clients (`rediss://`). A Valkey cluster takes at
 * most one standby node ("Valkey clusters can have up to one standby node"; PostgreSQL takes two).
 */
export const MANAGED_VALKEY = { engine: 'valkey', version: '8', evictionPolicy: 'noeviction', maxStandbyNodes: 1 } as const;

/** DigitalOcean keeps this many days of point-in-time backups for managed PostgreSQL; it is not configurable. */
export const DATABASE_PITR_DAYS = 7;

/** Which maintenance window each service takes, counted from the seed's: one after another, never together. */
export const MAINTENANCE_SLOTS = { postgres: 0, valkey: 1, doks: 2 } as const;

export const DOKS = {
  /** The newest supported minor on the release line this project tests. */
  versionPrefix: '1.33.',
  /** Fixed NodePorts of the LoadBalancer Service, so the Terraform load balancer and the cloud controller agree. */
  nodePorts: { http: 30080, https: 30443 },
  /** The routing agent's Route resource, which sets the nodes' routes (the default route via the NAT gateway). */
  routeApiVersion: 'networking.doks.digitalocean.com/v1alpha1',
} as const;

export const LOAD_BALANCER = {
  sizeUnit: 1,
  /** Global Load Balancer: fail a region over when this percent of its targets is unhealthy. */
  failoverThreshold: 50,
} as const;

/** VPC NAT gateway: one unit, public, in front of the DOKS nodes. */
export const NAT_GATEWAY = { type: 'PUBLIC', size: 1 } as const;

/** Monitoring windows and uptime-check probe regions. */
export const MONITORING = {
  /** App Platform's window for a 5-minute condition. */
  appWindow: 'FIVE_MINUTES',
  uptimePeriod: '5m',
  uptimeRegions: ['us_east', 'eu_west', 'se_asia'],
  /** App Platform: restarts in the window before alerting (the guide has no number; 3 restarts in 5 minutes is a crash loop). */
  restartCount: 3,
} as const;

/** Spaces datacenter for a bucket whose primary region has no Spaces (nyc1 → nyc3). */
export const SPACES_REGION_FOR: Readonly<Record<string, string>> = { nyc1: 'nyc3' };

export const DNS_RECORD_TTL_SECONDS = 300;

/** The CDN subdomain label of a tier hostname: cdn.<hostname>. */
export const CDN_SUBDOMAIN = 'cdn';
