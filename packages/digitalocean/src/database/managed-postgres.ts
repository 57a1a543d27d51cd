import { DatabaseCluster } from '@cdktf/provider-digitalocean/lib/database-cluster';
import { DatabaseConnectionPool } from '@cdktf/provider-digitalocean/lib/database-connection-pool';
import { DatabaseDb } from '@cdktf/provider-digitalocean/lib/database-db';
import { DatabaseFirewall, type DatabaseFirewallRule } from '@cdktf/provider-digitalocean/lib/database-firewall';
import { DatabaseReplica } from '@cdktf/provider-digitalocean/lib/database-replica';
import { DatabaseUser } from '@cdktf/provider-digitalocean/lib/database-user';
import { Token } from 'cdktf';
import { type CommonProps, suppressExempted, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { dataNodeSize, DIGITALOCEAN_SIZES, MAINTENANCE_SLOTS, MANAGED_POSTGRES } from '../sizing';

/** Who may connect: DOKS clusters (`k8s`), Droplets by tag (`tag`), App Platform apps (`app`). */
export type TrustedSource = DatabaseFirewallRule;

export interface ManagedPostgresProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly name: string;
  readonly vpcId: string;
  readonly projectId: string;
  /** The primary cluster's id: this region gets a read-only node of it instead of a cluster. */
  readonly replicaOf?: string;
}

/** Standby nodes of the primary cluster: one per further zone where the tier keeps zone-redundant data. */
export function standbyNodes(context: TargetContext): number {
  return context.database.highlyAvailable ? context.profile.availabilityZones - 1 : 0;
}

/**
 * Managed PostgreSQL in the region's VPC: in the primary region a cluster with standby nodes
 * (staging one, production two), the `mockforge` database and user, and a transaction-mode
 * connection pool; elsewhere a read-only node of the primary. DigitalOcean takes daily backups
 * and keeps 7 days of point-in-time recovery on its own; the maintenance window is the seed's.
 * The firewall comes from `admit`, once the clients exist.
 */
export class ManagedPostgres extends Construct {
  readonly cluster?: DatabaseCluster;
  readonly replica?: DatabaseReplica;
  readonly pool?: DatabaseConnectionPool;
  readonly database?: DatabaseDb;
  readonly user?: DatabaseUser;
  readonly firewall?: DatabaseFirewall;
  readonly endpoint: string;
  readonly port: number;
  /** The cluster's name, for App Platform's bindable `${db.DATABASE_URL}`. */
  readonly clusterName?: string;
  private readonly props: ManagedPostgresProps;

  constructor(scope: Construct, id: string, props: ManagedPostgresProps) {
    super(scope, id);
    this.props = props;
    const { context, region } = props;
    const size = DIGITALOCEAN_SIZES[context.profile.size].databaseSize;
    if (props.replicaOf) {
      this.replica = new DatabaseReplica(this, 'replica', {
        clusterId: props.replicaOf,
        name: props.name,
        region,
        size,
        privateNetworkUuid: props.vpcId,
      });
      this.endpoint = this.replica.privateHost;
      this.port = Token.asNumber(this.replica.port);
      applyCommonProps(this, this.replica, props);
      return;
    }
    const window = maintenanceSlot(context.database.maintenanceWindow, MAINTENANCE_SLOTS.postgres);
    const standbys = standbyNodes(context);
    this.cluster = new DatabaseCluster(this, 'cluster', {
      name: props.name,
      engine: MANAGED_POSTGRES.engine,
      version: MANAGED_POSTGRES.version,
      region,
      size: dataNodeSize(size, standbys),
      nodeCount: 1 + standbys,
      privateNetworkUuid: props.vpcId,
      projectId: props.projectId,
      maintenanceWindow: [{ day: window.day, hour: `${window.time}:00` }],
    });
    // Single-zone data (dev, staging by default) is the tier's `zonal-data` exemption, with its reason.
    if (standbys === 0) suppressExempted(this.cluster, context.profile, 'zonal-data', ['MF_DIO_3']);
    this.database = new DatabaseDb(this, 'database', { clusterId: this.cluster.id, name: context.database.databaseName });
    this.user = new DatabaseUser(this, 'user', { clusterId: this.cluster.id, name: context.service.name });
    this.pool = new DatabaseConnectionPool(this, 'pool', {
      clusterId: this.cluster.id,
      name: context.service.name,
      mode: MANAGED_POSTGRES.poolMode,
      size: MANAGED_POSTGRES.poolSize,
      // References, not the literal names: the pool is created only after the database and the user.
      dbName: this.database.name,
      user: this.user.name,
    });
    this.endpoint = this.cluster.privateHost;
    this.port = this.cluster.port;
    this.clusterName = this.cluster.name;
    applyCommonProps(this, this.cluster, props);
  }

  /** The database firewall: only these sources reach the cluster (and its read-only nodes). */
  admit(sources: readonly TrustedSource[]): DatabaseFirewall {
    if (!this.cluster) throw new Error('a read-only node takes the primary cluster firewall');
    const firewall = new DatabaseFirewall(this, 'firewall', { clusterId: this.cluster.id, rule: [...sources] });
    (this as { firewall?: DatabaseFirewall }).firewall = firewall;
    return firewall;
  }

  /** The pool's port: DATABASE_URL connects here, not to the cluster's port. */
  get poolPort(): number {
    if (!this.pool) throw new Error('a read-only node has no pool');
    return this.pool.port;
  }

  /** The pool's private URI (DATABASE_URL for clients in the VPC). */
  get poolUri(): string {
    if (!this.pool) throw new Error('a read-only node has no pool');
    return this.pool.privateUri;
  }

  get name(): string {
    return this.props.name;
  }
}

const DAYS: Readonly<Record<string, string>> = {
  sun: 'sunday',
  mon: 'monday',
  tue: 'tuesday',
  wed: 'wednesday',
  thu: 'thursday',
  fri: 'friday',
  sat: 'saturday',
};

/** The seed's `sun` as DigitalOcean's `sunday`. */
export function dayName(day: string): string {
  const name = DAYS[day];
  if (!name) throw new Error(`unknown day ${day}`);
  return name;
}

const DAY_ORDER = Object.keys(DAYS);
const MINUTES_PER_DAY = 24 * 60;

/**
 * The seed's maintenance window moved `slot` windows later (PostgreSQL 0, Valkey 1, DOKS 2), so no two
 * services restart at once: DigitalOcean's day name and `HH:MM` UTC, rolling into the next day if needed.
 */
export function maintenanceSlot(
  window: { readonly day: string; readonly startHourUtc: number; readonly durationMinutes: number },
  slot: number,
): { day: string; time: string } {
  const start = window.startHourUtc * 60 + slot * window.durationMinutes;
  const dayIndex = DAY_ORDER.indexOf(window.day);
  if (dayIndex < 0) throw new Error(`unknown day ${window.day}`);
  const day = DAY_ORDER[(dayIndex + Math.floor(start / MINUTES_PER_DAY)) % DAY_ORDER.length]!;
  const minutes = start % MINUTES_PER_DAY;
  const hhmm = [Math.floor(minutes / 60), minutes % 60].map((n) => String(n).padStart(2, '0')).join(':');
  return { day: dayName(day), time: hhmm };
}
