import { MockforgeStack, tierSecretKeys, type PolicyEngine, type TargetContext } from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { ManagedValkey } from '../cache/managed-valkey';
import { AppPlatformService } from '../compute/app-platform-service';
import type { DoksCluster } from '../compute/doks-cluster';
import { ManagedPostgres, type TrustedSource } from '../database/managed-postgres';
import { RegionalLoadBalancer } from '../load-balancing/regional-load-balancer';
import { ResourceAlerts } from '../monitoring/resource-alerts';
import { resourceName } from '../naming';
import { NodeTags } from '../network/node-tags';
import { DigitalOceanVpc } from '../network/vpc';
import { VpcPeering } from '@cdktf/provider-digitalocean/lib/vpc-peering';
import { fileInProject, TierProject } from '../project/tier-project';
import { addDigitalOceanProvider } from '../provider';
import { AdminCredentials } from '../secrets/admin-secrets';
import { DIGITALOCEAN_STATEFUL_RESOURCE_TYPES } from '../stateful-types';
import { TierDomain } from '../traffic/dns';

export interface DigitalOceanRegionalStackProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly policy?: PolicyEngine;
  /** The primary region's stack (project, domain, primary database); absent for the primary itself. */
  readonly primary?: DigitalOceanRegionalStack;
}

/** DOKS runs the service (compute `doks`) or the hybrid topology's stateful pool. */
export function usesDoks(context: TargetContext): boolean {
  return context.tierConfig.compute?.digitalocean === 'doks' || context.topology.hasStatefulPool;
}

/**
 * `<tier>-digitalocean-<region>`: the region's VPC, database (cluster in the primary, read-only node
 * elsewhere; none in dev), Valkey (none in dev), and App Platform app or DOKS cluster with its load
 * balancer. The primary region's stack also owns the tier's project and DNS domain.
 */
export class DigitalOceanRegionalStack extends MockforgeStack {
  readonly context: TargetContext;
  readonly projectId: string;
  /** The domain's name, a reference to the domain resource where this tier creates it. */
  readonly domainName: string;
  readonly project?: TierProject;
  readonly domain?: TierDomain;
  readonly network: DigitalOceanVpc;
  /** The tier's admin credentials, generated in the primary region (read from there elsewhere). */
  readonly adminCredentials?: AdminCredentials;
  /** MOCKFORGE_ADMIN_* by env key: references to the primary region's generated values. */
  readonly adminSecrets: Readonly<Record<string, string>>;
  /** Managed PostgreSQL: where the tier runs a managed database (not in dev, core's `managedDatabase`). */
  readonly database?: ManagedPostgres;
  /** DATABASE_URL for clients in this region: the primary's connection pool. */
  readonly databaseUrl?: string;
  /** The primary pool's port (DATABASE_URL's), and the VPC range it lives in. */
  readonly databasePort?: number;
  readonly databaseCidr?: string;
  /** Peers this region's VPC with the primary's, so DOKS nodes reach the primary database privately. */
  readonly peering?: VpcPeering;
  /** Managed Valkey: where the tier runs a managed cache (not in dev, core's `managedCache`). */
  readonly cache?: ManagedValkey;
  readonly service?: AppPlatformService;
  readonly cluster?: DoksCluster;
  /** The DOKS nodes' tags (the tier tag is created in the primary region). */
  readonly nodeTags?: NodeTags;
  readonly loadBalancer?: RegionalLoadBalancer;

  constructor(scope: Construct, props: DigitalOceanRegionalStackProps) {
    const { region, primary } = props;
    // Without a managed cache or database no REDIS_URL or DATABASE_URL exists, so no container may name one.
    const context: TargetContext = {
      ...props.context,
      service: { ...props.context.service, secretKeys: tierSecretKeys(props.context.profile, props.context.service.secretKeys) },
    };
    super(scope, {
      tier: context.tier,
      cloud: 'digitalocean',
      region,
      backend: context.backend,
      policy: props.policy,
      protectedResourceTypes: context.profile.preventDestroy ? DIGITALOCEAN_STATEFUL_RESOURCE_TYPES : undefined,
    });
    this.context = context;
    addDigitalOceanProvider(this);
    if (primary) {
      this.projectId = this.fromOtherStack(primary.projectId);
      this.domainName = this.fromOtherStack(primary.domainName);
      this.adminSecrets = Object.fromEntries(Object.entries(primary.adminSecrets).map(([k, v]) => [k, this.fromOtherStack(v)]));
    } else {
      this.project = new TierProject(this, 'project', { tier: context.tier });
      this.projectId = this.project.project.id;
      this.domain = new TierDomain(this, 'dns', { context });
      this.domainName = this.domain.name;
      // One set per tier, so every region's pods accept the same admin token and login.
      this.adminCredentials = new AdminCredentials(this, 'admin', { username: context.service.name });
      this.adminSecrets = this.adminCredentials.values;
    }
    const doks = usesDoks(context);
    this.network = new DigitalOceanVpc(this, 'network', { context, region, projectId: this.projectId, natGateway: doks });
    const vpcId = this.network.networkId;
    if (context.profile.managedDatabase) {
      const primaryCluster = primary?.database?.cluster;
      this.database = new ManagedPostgres(this, 'database', {
        context,
        region,
        name: resourceName(context.tier, region, 'pg'),
        vpcId,
        projectId: this.projectId,
        ...(primaryCluster && context.database.crossRegionReplicas ? { replicaOf: this.fromOtherStack(primaryCluster.id) } : {}),
      });
      const primaryDatabase = primary ? { url: primary.databaseUrl!, port: primary.databasePort! } : undefined;
      this.databaseUrl = primaryDatabase ? this.fromOtherStack(primaryDatabase.url) : this.database.poolUri;
      this.databasePort = primaryDatabase ? this.fromOtherStack(primaryDatabase.port) : this.database.poolPort;
      this.databaseCidr = primary ? primary.network.cidr : this.network.cidr;
    }
    if (context.profile.managedCache)
      this.cache = new ManagedValkey(this, 'cache', {
        context,
        region,
        name: resourceName(context.tier, region, 'valkey'),
        vpcId,
        projectId: this.projectId,
      });

    const sources: TrustedSource[] = [];
    const { clusterName, database, user } = this.database ?? {};
    // App Platform runs in the primary region only (validation), where the cluster lives.
    if (context.tierConfig.compute?.digitalocean !== 'doks' && !primary) {
      this.service = new AppPlatformService(this, 'service', {
        context,
        region,
        projectId: this.projectId,
        vpcId,
        ...(clusterName && database && user ? { database: { clusterName, databaseName: database.name, databaseUser: user.name } } : {}),
        domainName: this.domainName,
        ...(this.cache ? { redisUrl: this.cache.connectionUri } : {}),
        adminSecrets: this.adminSecrets,
      });
      sources.push({ type: 'app', value: this.service.app.id });
    }
    if (doks) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for DOKS, so App Platform synths never load the Kubernetes package
      const { DoksCluster: Cluster } = require('../compute/doks-cluster') as typeof import('../compute/doks-cluster');
      this.nodeTags = new NodeTags(this, 'node-tags', {
        tier: context.tier,
        region,
        ...(primary?.nodeTags ? { tierTagName: this.fromOtherStack(primary.nodeTags.tierTagName) } : {}),
      });
      this.cluster = new Cluster(this, 'doks', {
        context,
        region,
        vpcId,
        tierTagName: this.nodeTags.tierTagName,
        regionTagName: this.nodeTags.regionTagName,
        vpcCidr: this.network.cidr,
        dataRoutes: [
          ...(this.databasePort !== undefined && this.databaseCidr ? [{ port: this.databasePort, cidr: this.databaseCidr }] : []),
          ...(this.cache ? [{ port: this.cache.port, cidr: this.network.cidr }] : []),
        ],
      });
      // The peering carries the primary database's traffic; without a database there is none.
      if (primary && this.database)
        this.peering = new VpcPeering(this, 'primary-peering', {
          name: resourceName(context.tier, region, primary.region),
          vpcIds: [this.network.networkId, this.fromOtherStack(primary.network.networkId)],
        });
      sources.push({ type: 'k8s', value: this.cluster.cluster.id });
      if (context.tierConfig.compute?.digitalocean === 'doks')
        this.loadBalancer = new RegionalLoadBalancer(this, 'load-balancer', {
          context,
          region,
          vpcId,
          projectId: this.projectId,
          // Let's Encrypt validates through DigitalOcean DNS: the certificate needs the domain (and its delegation) first.
          ...(this.domain?.domain ? { certificateDependsOn: [this.domain.domain] } : {}),
        });
    }
    this.cache?.admit(sources);
    // Every region's DOKS nodes write to the primary, so its firewall admits the tier's node tag, not one cluster.
    if (this.database?.cluster)
      this.database.admit(
        this.nodeTags ? [...sources.filter((s) => s.type !== 'k8s'), { type: 'tag', value: this.nodeTags.tierTagName }] : sources,
      );
    new ResourceAlerts(this, 'alerts', {
      context,
      region,
      // The primary cluster is alerted on in its own region only; read-only nodes take no dbaas alert (see the README).
      databaseClusterIds: [...(this.database?.cluster ? [this.database.cluster.id] : []), ...(this.cache ? [this.cache.cluster.id] : [])],
      ...(this.nodeTags ? { nodeTag: this.nodeTags.regionTagName } : {}),
      ...(this.loadBalancer ? { loadBalancerId: this.loadBalancer.loadBalancer.id } : {}),
    });
    const urns = [this.cluster?.cluster.urn, this.domain?.domain?.urn].filter((u): u is string => u !== undefined);
    if (urns.length > 0) fileInProject(this, 'project-resources', this.projectId, urns);

    this.exportOutputs({
      vpc_id: { value: vpcId, description: 'The region VPC' },
      ...(this.database
        ? {
            database_endpoint: {
              value: this.database.endpoint,
              description: 'Managed PostgreSQL private host (a read-only node outside the primary region)',
            },
            database_port: { value: this.database.port, description: 'Managed PostgreSQL port' },
          }
        : {}),
      ...(this.cache
        ? {
            valkey_endpoint: { value: this.cache.endpoint, description: 'Managed Valkey private host' },
            valkey_port: { value: this.cache.port, description: 'Managed Valkey TLS port' },
          }
        : {}),
      ...(this.service ? { app_live_url: { value: this.service.app.liveUrl, description: 'App Platform URL of the service' } } : {}),
      ...(this.cluster ? { doks_cluster_name: { value: this.cluster.cluster.name, description: 'The DOKS cluster' } } : {}),
      ...(this.loadBalancer
        ? { load_balancer_ip: { value: this.loadBalancer.loadBalancer.ip, description: 'Regional load balancer' } }
        : {}),
    });
  }
}
