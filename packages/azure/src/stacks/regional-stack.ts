import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { Fn } from 'cdktf';
import {
  ADMIN_SECRET_KEYS,
  ENV,
  DATABASE_PASSWORD,
  GeneratedCredentials,
  MockforgeStack,
  tierSecretKeys,
  type PolicyEngine,
  type SecretKey,
  type TargetContext,
} from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { DatabaseBackupVault } from '../backup/backup-vault';
import { AzureManagedRedis } from '../cache/managed-redis';
import type { AksCluster } from '../compute/aks-cluster';
import { containerAppScaling, ContainerAppsService } from '../compute/container-app';
import { GhcrCacheRegistry } from '../compute/registry';
import { PostgresFlexible } from '../database/postgres-flexible';
import { RegionalMonitoring } from '../monitoring/monitoring';
import { resourceName } from '../naming';
import { AzureVnet } from '../network/vnet';
import { addAzureProvider } from '../provider';
import { AzureKeyVault } from '../secrets/key-vault';
import { POSTGRES } from '../sizing';
import { AZURE_STATEFUL_RESOURCE_TYPES } from '../stateful-types';

export interface AzureRegionalStackProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly policy?: PolicyEngine;
  /** The primary region's stack (primary database); absent for the primary itself. */
  readonly primary?: AzureRegionalStack;
}

/** AKS runs the service (compute `aks`) or the hybrid topology's stateful pool. */
export function usesAks(context: TargetContext): boolean {
  return context.tierConfig.compute?.azure === 'aks' || context.topology.hasStatefulPool;
}

/** Container Apps serve the traffic unless the tier runs on AKS. */
export function usesContainerApps(context: TargetContext): boolean {
  return context.tierConfig.compute?.azure !== 'aks';
}

/** The app runs on Container Apps with no warm replica (dev): each request after idle waits for a cold start. */
export function scalesToZero(context: TargetContext): boolean {
  return usesContainerApps(context) && containerAppScaling(context.profile).min === 0;
}

/**
 * Single-region dev and staging on Container Apps serve HTTPS from the environment's own ingress with
 * a managed certificate, without Front Door: Premium's base fee alone ($330 a month) is many times the
 * guide's budget for those tiers. Production, AKS and multi-region tiers keep Front Door.
 */
export function servesWithoutFrontDoor(context: TargetContext): boolean {
  return context.tier !== 'production' && !usesAks(context) && context.topology.regions.length === 1;
}

/**
 * Production keeps a fixed egress address (NAT gateway) and the ghcr.io mirror; so does AKS, whose
 * nodes pull from the registry. Dev and staging on Container Apps egress through the environment and
 * pull the public pinned image from ghcr.io.
 */
function keepsFixedEgressAndMirror(context: TargetContext): boolean {
  return context.tier === 'production' || usesAks(context);
}

/**
 * `<tier>-azure-<region>`: the region's resource group, VNet, registry, Key Vault, PostgreSQL (the
 * primary, or a read replica of it), Managed Redis, monitoring, and Container Apps or AKS.
 */
export class AzureRegionalStack extends MockforgeStack {
  readonly context: TargetContext;
  readonly resourceGroup: ResourceGroup;
  readonly network: AzureVnet;
  readonly registry: GhcrCacheRegistry;
  readonly vault: AzureKeyVault;
  /** The primary or a read replica; absent where the tier has no managed PostgreSQL (dev). */
  readonly database?: PostgresFlexible;
  readonly cache?: AzureManagedRedis;
  readonly monitoring: RegionalMonitoring;
  readonly service?: ContainerAppsService;
  readonly cluster?: AksCluster;
  readonly backupVault?: DatabaseBackupVault;
  /** DATABASE_URL's host: the primary's server, which takes the writes. */
  readonly databaseHost?: string;
  /** The tier's generated admin credentials and PostgreSQL password (primary region only). */
  readonly credentials?: GeneratedCredentials;
  /** MOCKFORGE_ADMIN_* by env key: the generated values, read from the primary's state in other regions. */
  readonly adminSecrets: Readonly<Record<string, string>>;
  /** The PostgreSQL administrator password, likewise. */
  readonly databasePassword: string;

  constructor(scope: Construct, props: AzureRegionalStackProps) {
    const { region, primary } = props;
    // AKS keeps the managed cache: the workload's NetworkPolicy always names a Redis peer.
    const profile = { ...props.context.profile, managedCache: props.context.profile.managedCache || usesAks(props.context) };
    const context: TargetContext = {
      ...props.context,
      profile,
      service: { ...props.context.service, secretKeys: tierSecretKeys(profile, props.context.service.secretKeys) },
    };
    super(scope, {
      tier: context.tier,
      cloud: 'azure',
      region,
      backend: context.backend,
      policy: props.policy,
      protectedResourceTypes: context.profile.preventDestroy ? AZURE_STATEFUL_RESOURCE_TYPES : undefined,
    });
    this.context = context;
    addAzureProvider(this, context);
    const client = new DataAzurermClientConfig(this, 'client');
    this.resourceGroup = new ResourceGroup(this, 'resource-group', { name: resourceName(context.tier, region), location: region });
    const rg = this.resourceGroup.name;
    const aks = usesAks(context);
    this.network = new AzureVnet(this, 'network', {
      context,
      region,
      resourceGroupName: rg,
      aks,
      containerApps: usesContainerApps(context),
      publicIngress: servesWithoutFrontDoor(context),
      nat: keepsFixedEgressAndMirror(context),
      database: context.profile.managedDatabase,
    });
    const peerings: VirtualNetworkPeering[] = [];
    if (primary) {
      // Global peering both ways, so the replica replicates and clients reach the primary privately.
      const toPrimary = new VirtualNetworkPeering(this, 'to-primary', {
        name: `to-${primary.region}`,
        resourceGroupName: rg,
        virtualNetworkName: this.network.vnet.name,
        remoteVirtualNetworkId: this.fromOtherStack(primary.network.vnet.id),
        allowVirtualNetworkAccess: true,
      });
      const fromPrimary = new VirtualNetworkPeering(this, 'from-primary', {
        name: `to-${region}`,
        resourceGroupName: this.fromOtherStack(primary.resourceGroup.name),
        virtualNetworkName: this.fromOtherStack(primary.network.vnet.name),
        remoteVirtualNetworkId: this.network.vnet.id,
        allowVirtualNetworkAccess: true,
      });
      peerings.push(toPrimary, fromPrimary);
      // The primary server's FQDN resolves only in the primary's private zone: link it to this VNet too.
      if (primary.network.postgresDnsZone)
        new PrivateDnsZoneVirtualNetworkLink(this, 'primary-postgres-dns-link', {
          name: resourceName(context.tier, region),
          resourceGroupName: this.fromOtherStack(primary.resourceGroup.name),
          privateDnsZoneName: this.fromOtherStack(primary.network.postgresDnsZone.name),
          virtualNetworkId: this.network.vnet.id,
        });
    }
    this.monitoring = new RegionalMonitoring(this, 'monitoring', {
      context,
      region,
      resourceGroupName: rg,
      availabilityAlert: !primary,
      scalesToZero: scalesToZero(context),
    });
    this.registry = new GhcrCacheRegistry(this, 'images', {
      context,
      region,
      resourceGroupName: rg,
      mirror: keepsFixedEgressAndMirror(context),
    });
    this.vault = new AzureKeyVault(this, 'secrets', {
      context,
      region,
      resourceGroupName: rg,
      tenantId: client.tenantId,
      deployerObjectId: client.objectId,
      endpointsSubnetId: this.network.endpointsSubnet.id,
      privateDnsZoneId: this.network.dnsZones.keyVault.id,
    });
    this.monitoring.diagnostics('key-vault', this.vault.vault.id, 'audit');

    // Generated once per tier, in the primary; other regions read the primary's values from its state.
    if (primary) {
      this.adminSecrets = Object.fromEntries(Object.entries(primary.adminSecrets).map(([k, v]) => [k, this.fromOtherStack(v)]));
      this.databasePassword = this.fromOtherStack(primary.databasePassword);
    } else {
      // Flexible Server demands three character classes in the administrator password; hex has two.
      this.credentials = new GeneratedCredentials(this, 'credentials', {
        username: context.service.name,
        passwords: [DATABASE_PASSWORD],
        threeClassPasswords: [DATABASE_PASSWORD],
      });
      this.adminSecrets = this.credentials.admin;
      this.databasePassword = this.credentials.output(DATABASE_PASSWORD);
    }
    const values: Record<string, string> = { ...this.adminSecrets };
    const network = this.network;
    if (context.profile.managedDatabase && network.postgresSubnet && network.postgresDnsZone && network.postgresDnsLink) {
      const password = this.databasePassword;
      const primaryServer = primary?.database?.server;
      this.database = new PostgresFlexible(this, 'database', {
        context,
        region,
        name: resourceName(context.tier, region),
        resourceGroupName: rg,
        delegatedSubnetId: network.postgresSubnet.id,
        privateDnsZoneId: network.postgresDnsZone.id,
        tenantId: client.tenantId,
        administratorPassword: password,
        entraAdministrator: { objectId: this.registry.identity.principalId, name: this.registry.identity.name },
        ...(primaryServer && context.database.crossRegionReplicas ? { replicaOf: this.fromOtherStack(primaryServer.id) } : {}),
        // A replica replicates over the peering, so it waits for both directions.
        dependsOn: [network.postgresDnsLink, network.postgresSubnet, ...peerings],
      });
      this.monitoring.diagnostics('database', this.database.server.id);
      this.databaseHost = primary?.databaseHost ? this.fromOtherStack(primary.databaseHost) : this.database.endpoint;
      // The password may hold URL delimiters (@ : / ?); Terraform percent-encodes it.
      values[ENV.databaseUrl] =
        `postgresql://${POSTGRES.administratorLogin}:${Fn.urlencode(password)}@${this.databaseHost}:${context.database.port}/${context.database.databaseName}?sslmode=require`;
    }
    if (context.profile.managedCache) {
      this.cache = new AzureManagedRedis(this, 'cache', {
        context,
        region,
        resourceGroupName: rg,
        endpointsSubnetId: this.network.endpointsSubnet.id,
        privateDnsZoneId: this.network.dnsZones.redis.id,
      });
      this.monitoring.diagnostics('cache', this.cache.redis.id);
      values[ENV.redisUrl] = this.cache.connectionUrl;
    }
    // Values built from the generated credentials keep their first value, so a rotation survives the next apply
    // (README: Secrets); REDIS_URL follows the cache's access key.
    const generated = new Set<SecretKey>([...ADMIN_SECRET_KEYS, ENV.databaseUrl]);
    const written = context.service.secretKeys.map((key) => this.vault.put(key, values[key]!, { keepFirstValue: generated.has(key) }));
    const reader = this.vault.grantRead('workload', this.registry.identity.principalId);
    if (!primary && this.database)
      this.backupVault = new DatabaseBackupVault(this, 'backup', {
        context,
        region,
        resourceGroupName: rg,
        resourceGroupId: this.resourceGroup.id,
        serverId: this.database.server.id,
      });

    if (usesContainerApps(context)) {
      this.service = new ContainerAppsService(this, 'service', {
        context,
        region,
        resourceGroupName: rg,
        subnetId: this.network.appsSubnet!.id,
        subnetDependsOn: this.network.associations.apps,
        logAnalyticsWorkspaceId: this.monitoring.workspace.id,
        applicationInsightsConnectionString: this.monitoring.insights.connectionString,
        image: this.registry.image,
        registryServer: this.registry.registry?.loginServer,
        identityId: this.registry.identity.id,
        secrets: this.vault.secrets,
        publicIngress: servesWithoutFrontDoor(context),
        dependsOn: [reader, ...(this.registry.pull ? [this.registry.pull] : []), ...written],
      });
      // The environment sends its logs to the workspace itself (logs_destination); a diagnostic setting would ingest them twice.
      this.monitoring.alertMemory(this.service.app.id, 'Microsoft.App/containerApps', 'MemoryPercentage');
    }
    if (aks) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for AKS tiers, so Container Apps synths never load the Kubernetes package
      const { AksCluster: Cluster } = require('../compute/aks-cluster') as typeof import('../compute/aks-cluster');
      this.cluster = new Cluster(this, 'aks', {
        context,
        region,
        resourceGroupName: rg,
        subnetId: this.network.aksSubnet!.id,
        subnetDependsOn: this.network.associations.aks,
        logAnalyticsWorkspaceId: this.monitoring.workspace.id,
        actionGroupId: this.monitoring.actionGroup.id,
        tenantId: client.tenantId,
        registryId: this.registry.registry!.id,
        deployerObjectId: client.objectId,
      });
      this.monitoring.diagnostics('cluster', this.cluster.cluster.id);
      this.monitoring.alertMemory(
        this.cluster.cluster.id,
        'Microsoft.ContainerService/managedClusters',
        'node_memory_working_set_percentage',
        'aks',
      );
    }

    this.exportOutputs({
      resource_group_name: { value: rg, description: 'The region resource group' },
      vnet_id: { value: this.network.vnet.id, description: 'The region VNet' },
      ...(this.database
        ? {
            database_fqdn: {
              value: this.database.endpoint,
              description: 'PostgreSQL private FQDN (a read replica outside the primary region)',
            },
          }
        : {}),
      key_vault_uri: { value: this.vault.vault.vaultUri, description: 'Key Vault holding the service secrets' },
      ...(this.cache
        ? {
            redis_hostname: { value: this.cache.endpoint, description: 'Azure Managed Redis host (private endpoint)' },
            redis_port: { value: this.cache.port, description: 'Azure Managed Redis TLS port' },
          }
        : {}),
      ...(this.service
        ? {
            container_app_fqdn: {
              value: this.service.app.latestRevisionFqdn,
              description: servesWithoutFrontDoor(context)
                ? 'Public FQDN of the latest revision (the environment is external)'
                : 'Internal FQDN of the latest revision',
            },
            container_app_environment_id: {
              value: this.service.environment.id,
              description: servesWithoutFrontDoor(context)
                ? 'The Container Apps environment (external, no Front Door)'
                : 'Front Door private link target',
            },
          }
        : {}),
      ...(this.cluster ? { aks_cluster_name: { value: this.cluster.cluster.name, description: 'The AKS cluster' } } : {}),
    });
  }
}
