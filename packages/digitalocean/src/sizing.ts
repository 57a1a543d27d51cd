import type { SizeName } from '@mockforge-infra/core';

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
}

/**
 * The guide's tier sizes (core TIER_SIZING) on DigitalOcean. App Platform: dev 0.5 GiB on a shared
 * vCPU (the guide's 0.5 CPU), staging 1 GiB on one shared vCPU; production rounds memory up to the
 * dedicated size with the guide's vCPUs (2 → 2 vCPU/4 GiB, 4 → 4 vCPU/8 GiB, 8 → 8 vCPU/32 GiB).
 * Databases: the smallest size in dev, one step up per tier; db-s-1vcpu-1gb takes no standby node.
 */
export const DIGITALOCEAN_SIZES: Readonly<Record<SizeName, DigitalOceanSize>> = {
  dev: { appInstance: 'apps-s-1vcpu-0.5gb', appAutoscales: false, databaseSize: 'db-s-1vcpu-1gb', cacheSize: 'db-s-1vcpu-1gb' },
  staging: { appInstance: 'apps-s-1vcpu-1gb', appAutoscales: false, databaseSize: 'db-s-1vcpu-2gb', cacheSize: 'db-s-1vcpu-2gb' },
  small: { appInstance: 'apps-d-2vcpu-4gb', appAutoscales: true, databaseSize: 'db-s-2vcpu-4gb', cacheSize: 'db-s-2vcpu-4gb' },
  medium: { appInstance: 'apps-d-4vcpu-8gb', appAutoscales: true, databaseSize: 'db-s-4vcpu-8gb', cacheSize: 'db-s-4vcpu-8gb' },
  large: { appInstance: 'apps-d-8vcpu-32gb', appAutoscales: true, databaseSize: 'db-s-8vcpu-16gb', cacheSize: 'db-s-8vcpu-16gb' },
};

export const MANAGED_POSTGRES = { engine: 'pg', version: '17', poolMode: 'transaction', poolSize: 20 } as const;

/** DigitalOcean's Redis successor; TLS is always on for its clients (`rediss://`). */
export const MANAGED_VALKEY = { engine: 'valkey', version: '8', evictionPolicy: 'noeviction' } as const;

/** DigitalOcean keeps this many days of point-in-time backups for managed PostgreSQL; it is not configurable. */
export const DATABASE_PITR_DAYS = 7;

export const DOKS = {
  /** The guide's Kubernetes node size. */
  nodeSize: 's-2vcpu-4gb',
  /** The pool floor is core's production HA minimum; the ceiling is DigitalOcean's, as on GKE. */
  maxNodes: 10,
  /** The newest supported minor on the release line this project tests. */
  versionPrefix: '1.33.',
  /** Fixed NodePorts of the LoadBalancer Service, so the Terraform load balancer and the cloud controller agree. */
  nodePorts: { http: 30080, https: 30443 },
} as const;

export const LOAD_BALANCER = {
  sizeUnit: 1,
  /** Global Load Balancer: fail a region over when this percent of its targets is unhealthy. */
  failoverThreshold: 50,
  tlsCipherPolicy: 'STRONG',
} as const;

/** VPC NAT gateway: one unit, public, in front of the DOKS nodes. */
export const NAT_GATEWAY = { type: 'PUBLIC', size: 1 } as const;

/** Monitoring windows and uptime-check probe regions. */
export const MONITORING = {
  /** `digitalocean_monitor_alert` and App Platform windows for a 5-minute condition. */
  monitorWindow: '5m',
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
