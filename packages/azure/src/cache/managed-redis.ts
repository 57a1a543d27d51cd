import { ManagedRedis } from '@cdktf/provider-azurerm/lib/managed-redis';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import type { CommonProps, TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { AZURE_SIZES, MANAGED_REDIS } from '../sizing';

export interface AzureManagedRedisProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly resourceGroupName: string;
  readonly endpointsSubnetId: string;
  readonly privateDnsZoneId: string;
}

/** The geo-replication group of a tier's caches; every linked database carries the same name. */
export function geoReplicationGroup(context: TargetContext): string {
  return resourceName(context.tier, 'redis');
}

/**
 * Azure Managed Redis (Azure Cache for Redis is retiring): high availability, TLS only, public access
 * off with a private endpoint. In a multi-region tier the database joins the tier's geo-replication
 * group (linked by the global stack), which takes NoEviction and no persistence; a single-region
 * cache keeps hourly RDB snapshots instead. Access keys stay on: MockForge reads a password REDIS_URL.
 */
export class AzureManagedRedis extends Construct {
  readonly redis: ManagedRedis;
  readonly privateEndpoint: PrivateEndpoint;
  readonly endpoint: string;
  readonly port: number;
  /** rediss:// URL with the access key, for the REDIS_URL secret. */
  readonly connectionUrl: string;

  constructor(scope: Construct, id: string, props: AzureManagedRedisProps) {
    super(scope, id);
    const { context, region } = props;
    const geo = context.cache.crossRegionReplication;
    this.redis = new ManagedRedis(this, 'redis', {
      name: resourceName(context.tier, region),
      location: region,
      resourceGroupName: props.resourceGroupName,
      skuName: AZURE_SIZES[context.profile.size].redisSku,
      highAvailabilityEnabled: context.cache.highlyAvailable,
      publicNetworkAccess: 'Disabled',
      defaultDatabase: {
        accessKeysAuthenticationEnabled: true,
        clientProtocol: MANAGED_REDIS.clientProtocol,
        clusteringPolicy: MANAGED_REDIS.clusteringPolicy,
        evictionPolicy: MANAGED_REDIS.evictionPolicy,
        ...(geo
          ? { geoReplicationGroupName: geoReplicationGroup(context) }
          : { persistenceRedisDatabaseBackupFrequency: MANAGED_REDIS.persistenceFrequency }),
      },
    });
    this.privateEndpoint = new PrivateEndpoint(this, 'endpoint', {
      name: `${this.redis.name}-pe`,
      location: region,
      resourceGroupName: props.resourceGroupName,
      subnetId: props.endpointsSubnetId,
      privateServiceConnection: {
        name: 'redis',
        isManualConnection: false,
        privateConnectionResourceId: this.redis.id,
        subresourceNames: ['redisEnterprise'],
      },
      privateDnsZoneGroup: { name: 'redis', privateDnsZoneIds: [props.privateDnsZoneId] },
    });
    this.endpoint = this.redis.hostname;
    this.port = this.redis.defaultDatabase.port;
    this.connectionUrl = `rediss://:${this.redis.defaultDatabase.primaryAccessKey}@${this.endpoint}:${this.port}`;
    applyCommonProps(this, this.redis, props);
  }
}
