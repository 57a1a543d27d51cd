import { suppressExempted } from '@mockforge-infra/core';
import { DatabaseCluster } from '@cdktf/provider-digitalocean/lib/database-cluster';
import { DatabaseFirewall } from '@cdktf/provider-digitalocean/lib/database-firewall';
import { DatabaseValkeyConfig } from '@cdktf/provider-digitalocean/lib/database-valkey-config';
import type { CommonProps, TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { maintenanceSlot, type TrustedSource } from '../database/managed-postgres';
import { dataNodeSize, DIGITALOCEAN_SIZES, MAINTENANCE_SLOTS, MANAGED_VALKEY } from '../sizing';

export interface ManagedValkeyProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly name: string;
  readonly vpcId: string;
  readonly projectId: string;
}

/**
 * Managed Valkey (DigitalOcean's Redis successor) in the region's VPC: one standby node when core's
 * cache spec asks for any (Valkey takes one at most), TLS on, and (`admit`) a firewall that admits only
 * the region's app or cluster. REDIS_URL is the cluster's private `rediss://` URI, read from the
 * resource, never written down.
 */
export class ManagedValkey extends Construct {
  readonly cluster: DatabaseCluster;
  readonly config: DatabaseValkeyConfig;
  readonly firewall?: DatabaseFirewall;
  readonly endpoint: string;
  readonly port: number;
  /** `rediss://default:<password>@<private host>:<port>` (sensitive). */
  readonly connectionUri: string;

  constructor(scope: Construct, id: string, props: ManagedValkeyProps) {
    super(scope, id);
    const { context, region } = props;
    const window = maintenanceSlot(context.cache.maintenanceWindow, MAINTENANCE_SLOTS.valkey);
    // Core asks for a standby per extra zone; Valkey takes one at most, so HA Valkey is a primary and one standby.
    const standbyNodes = Math.min(context.cache.replicasPerShard, MANAGED_VALKEY.maxStandbyNodes);
    this.cluster = new DatabaseCluster(this, 'cluster', {
      name: props.name,
      engine: MANAGED_VALKEY.engine,
      version: MANAGED_VALKEY.version,
      region,
      size: dataNodeSize(DIGITALOCEAN_SIZES[context.profile.size].cacheSize, standbyNodes),
      nodeCount: 1 + standbyNodes,
      evictionPolicy: MANAGED_VALKEY.evictionPolicy,
      privateNetworkUuid: props.vpcId,
      projectId: props.projectId,
      maintenanceWindow: [{ day: window.day, hour: `${window.time}:00` }],
    });
    if (standbyNodes === 0) suppressExempted(this.cluster, context.profile, 'zonal-data', ['MF_DIO_3']);
    this.config = new DatabaseValkeyConfig(this, 'config', { clusterId: this.cluster.id, ssl: true });
    this.endpoint = this.cluster.privateHost;
    this.port = this.cluster.port;
    this.connectionUri = this.cluster.privateUri;
    applyCommonProps(this, this.cluster, props);
  }

  /** The cache firewall: only these sources reach it. */
  admit(sources: readonly TrustedSource[]): DatabaseFirewall {
    const firewall = new DatabaseFirewall(this, 'firewall', { clusterId: this.cluster.id, rule: [...sources] });
    (this as { firewall?: DatabaseFirewall }).firewall = firewall;
    return firewall;
  }
}
