import { ENV, MockforgeStack, tierSecretKeys, type PolicyEngine, type TargetContext } from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { MemorystoreRedis } from '../cache/memorystore-redis';
import { CloudRunService } from '../compute/cloud-run-service';
import type { GkeCluster } from '../compute/gke-cluster';
import { GhcrRemoteRepository } from '../compute/image-repository';
import { CLOUD_SQL_ROLES, RUNTIME_ROLES, ServiceIdentity } from '../compute/service-identity';
import { CloudSqlPostgres } from '../database/cloud-sql-postgres';
import type { GkeBackupPlan } from '../backup/gke-backup-plan';
import type { GkeSecretsStore } from '../secrets/gke-secrets-store';
import { ServiceMonitoring } from '../monitoring/service-monitoring';
import { resourceName, shortName } from '../naming';
import { addressPlan } from '../network/address-plan';
import { GcpRegionalNetwork } from '../network/regional-network';
import { GcpVpc } from '../network/vpc';
import { addGoogleProvider } from '../provider';
import { GeneratedSecrets, TierCredentials, type GeneratedSecretKey } from '../secrets/generated-credentials';
import { GcpSecretStore } from '../secrets/secret-store';
import { GCP_STATEFUL_RESOURCE_TYPES } from '../stateful-types';
import type { GkeConstructs } from './gke';
import { gcpProject } from './project';

export interface GcpRegionalStackProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly policy?: PolicyEngine;
  /** The primary region's stack, which owns the global VPC; absent for the primary itself. */
  readonly primary?: GcpRegionalStack;
  /**
   * The GKE constructs (`GKE_CONSTRUCTS` from stacks/gke), needed when the tier uses GKE; the target
   * loads them only then, so Cloud Run tiers never load GKE or the Kubernetes bindings.
   * @default none (a GKE tier without them fails)
   */
  readonly gke?: GkeConstructs;
}

/** `<tier>-gcp-<region>`: the region's subnet, secrets, image mirror, service and monitoring. */
export class GcpRegionalStack extends MockforgeStack {
  readonly context: TargetContext;
  /** Only in the primary region's stack. */
  readonly vpc?: GcpVpc;
  readonly networkId: string;
  readonly network: GcpRegionalNetwork;
  readonly secrets: GcpSecretStore;
  readonly identity: ServiceIdentity;
  /** The Artifact Registry remote repository the region's containers pull the image through. */
  readonly images: GhcrRemoteRepository;
  /** Cloud SQL (a read replica outside the primary region), where the tier runs a managed database (not in dev). */
  readonly database?: CloudSqlPostgres;
  /** Memorystore, where the tier runs a managed cache (not in dev). */
  readonly cache?: MemorystoreRedis;
  readonly service?: CloudRunService;
  readonly monitoring?: ServiceMonitoring;
  /** GKE when the tier's compute is `gke`, or for the stateful pool of the hybrid topology. */
  readonly cluster?: GkeCluster;
  readonly clusterBackup?: GkeBackupPlan;
  /** The Secrets Store CSI driver and Google's plugin on the cluster, which sync the pods' Secret. */
  readonly secretsStore?: GkeSecretsStore;
  /** The tier's generated admin and database credentials (primary region only). */
  readonly credentials?: TierCredentials;
  /** This region's versions of the generated secrets, from the primary's credentials. */
  readonly generatedSecrets: GeneratedSecrets;
  /** The values the generated secrets hold, for the other regions' stacks. */
  readonly generatedSecretValues: Readonly<Partial<Record<GeneratedSecretKey, string>>>;

  constructor(scope: Construct, props: GcpRegionalStackProps) {
    const { region } = props;
    // GKE keeps Memorystore (the workload's NetworkPolicy always names a Redis peer) and Cloud SQL
    // (the workload reads every secret key, DATABASE_URL included, from the Secret the CSI driver syncs).
    const gke = usesGke(props.context);
    const profile = {
      ...props.context.profile,
      managedCache: props.context.profile.managedCache || gke,
      managedDatabase: props.context.profile.managedDatabase || gke,
    };
    // Without a managed cache or database no REDIS_URL or DATABASE_URL secret exists, so no container may name one.
    const context: TargetContext = {
      ...props.context,
      profile,
      service: { ...props.context.service, secretKeys: tierSecretKeys(profile, props.context.service.secretKeys) },
    };
    super(scope, {
      tier: context.tier,
      cloud: 'gcp',
      region,
      backend: context.backend,
      policy: props.policy,
      protectedResourceTypes: context.profile.preventDestroy ? GCP_STATEFUL_RESOURCE_TYPES : undefined,
    });
    this.context = context;
    const project = gcpProject(context);
    addGoogleProvider(this, project, region);
    if (props.primary) {
      this.networkId = this.fromOtherStack(props.primary.networkId);
    } else {
      // Private Service Access only gives Cloud SQL and Memorystore their addresses.
      const privateServiceAccess = context.profile.managedDatabase || context.profile.managedCache;
      this.vpc = new GcpVpc(this, 'vpc', { context, privateServiceAccess });
      this.networkId = this.vpc.network.id;
    }
    this.network = new GcpRegionalNetwork(this, 'network', { context, region, networkId: this.networkId });
    this.secrets = new GcpSecretStore(this, 'secrets', { context, region });
    this.identity = new ServiceIdentity(this, 'identity', {
      project,
      accountId: shortName(context.tier, region, 'run'),
      displayName: `MockForge ${context.tier} ${region}`,
      roles: context.profile.managedDatabase ? [...RUNTIME_ROLES, ...CLOUD_SQL_ROLES] : RUNTIME_ROLES,
    });
    const secretReaders = this.secrets.grantRead(this.identity.member);

    const privateServices = this.vpc?.privateServiceConnection ? [this.vpc.privateServiceConnection] : undefined;
    if (context.profile.managedDatabase) {
      const primaryDatabase = props.primary?.database && this.fromOtherStack(props.primary.database.instance.name);
      // A replica is read-only: the region writes to the primary's private IP, reachable from every region of the
      // VPC (Private Service Access is a peering, and peering routes are global), with the primary's generated URL.
      const replicaOf = primaryDatabase !== undefined && context.database.crossRegionReplicas ? { replicaOf: primaryDatabase } : {};
      this.database = new CloudSqlPostgres(this, 'database', {
        context,
        region,
        name: resourceName(context.tier, region),
        networkId: this.networkId,
        connectionSecret: this.secrets.secrets[ENV.databaseUrl]!,
        iamServiceAccountEmail: this.identity.account.email,
        ...replicaOf,
        dependsOn: privateServices,
      });
    }
    if (context.profile.managedCache) {
      this.cache = new MemorystoreRedis(this, 'cache', {
        context,
        region,
        name: shortName(context.tier, region, 'redis'),
        networkId: this.networkId,
        reservedRange: resourceName(context.tier, 'private-services'),
        connectionSecret: this.secrets.secrets[ENV.redisUrl]!,
        dependsOn: privateServices,
      });
    }

    // Terraform fills every secret, on Cloud Run and GKE alike: no operator step. The primary generates the
    // values once; the other regions write the same ones, read from the primary's state.
    if (props.primary) {
      const values = props.primary.generatedSecretValues;
      this.generatedSecretValues = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, this.fromOtherStack(v)]));
    } else {
      const db = this.database;
      this.credentials = new TierCredentials(this, 'credentials', {
        context,
        ...(db ? { database: { instanceName: db.instance.name, endpoint: db.endpoint, port: db.port } } : {}),
      });
      this.generatedSecretValues = this.credentials.values;
    }
    this.generatedSecrets = new GeneratedSecrets(this, 'generated-secrets', {
      secrets: this.secrets.secrets,
      values: this.generatedSecretValues,
    });

    // Cloud Run and GKE both pull the image through this pull-through cache of ghcr.io.
    this.images = new GhcrRemoteRepository(this, 'images', { project, region, repositoryId: resourceName(context.tier, 'ghcr') });
    if (context.tierConfig.compute?.gcp !== 'gke') {
      this.service = new CloudRunService(this, 'service', {
        context,
        region,
        image: this.images.imageFor(context.service.image),
        serviceAccountEmail: this.identity.account.email,
        serviceAccountMember: this.identity.member,
        secrets: this.secrets,
        networkId: this.networkId,
        subnetId: this.network.subnet.id,
        // Cloud Run refuses a secret without a version, and the app logs in as the generated user.
        dependsOn: [
          ...secretReaders,
          ...(this.cache ? [this.cache.connectionUrl.version] : []),
          ...this.generatedSecrets.versions.map((v) => v.version),
          ...(this.credentials?.appUser ? [this.credentials.appUser] : []),
        ],
      });
      this.monitoring = new ServiceMonitoring(this, 'monitoring', { context, project, region, serviceName: this.service.serviceName });
    }

    if (usesGke(context)) {
      if (!props.gke) throw new Error(`${this.node.id} runs GKE: pass gke: GKE_CONSTRUCTS (stacks/gke)`);
      const { GkeCluster, GkeBackupPlan, GkeSecretsStore } = props.gke;
      this.cluster = new GkeCluster(this, 'gke', {
        context,
        project,
        region,
        networkId: this.networkId,
        subnetId: this.network.subnet.id,
        controlPlaneCidr: addressPlan(this.network.cidr).gkeControlPlane,
        backupAgent: context.topology.hasStatefulPool,
      });
      // Here, not in the workload stack: its SecretProviderClass needs the driver's CRD when it plans.
      this.secretsStore = new GkeSecretsStore(this, 'gke-secrets-store', {
        project,
        host: this.cluster.host,
        dependsOn: [this.cluster.nodePool],
      });
      if (context.topology.hasStatefulPool)
        this.clusterBackup = new GkeBackupPlan(this, 'gke-backup', { context, region, clusterId: this.cluster.cluster.id });
    }

    this.exportOutputs({
      network_id: { value: this.networkId, description: 'The tier VPC network' },
      subnetwork_id: { value: this.network.subnet.id, description: 'The region subnet' },
      ...(this.database
        ? {
            database_instance_name: {
              value: this.database.instance.name,
              description: 'Cloud SQL instance (a read replica outside the primary region)',
            },
            database_endpoint: { value: this.database.endpoint, description: 'Cloud SQL private IP' },
          }
        : {}),
      ...(this.cache
        ? {
            redis_endpoint: { value: this.cache.endpoint, description: 'Memorystore private IP' },
            redis_port: { value: this.cache.port, description: 'Memorystore TLS port' },
            redis_connection_secret_id: {
              value: this.cache.connectionSecret.id,
              description: 'Secret Manager secret of REDIS_URL (written by Terraform)',
            },
            redis_server_ca_cert: {
              value: this.cache.serverCaCert,
              description: 'PEM of the CA Redis clients must trust for rediss://',
            },
          }
        : {}),
      ...(this.service
        ? {
            cloud_run_service_name: { value: this.service.serviceName, description: 'The Cloud Run service' },
            network_endpoint_group_id: { value: this.service.backendId, description: 'Serverless NEG behind the global load balancer' },
          }
        : {}),
      ...(this.cluster ? { gke_cluster_name: { value: this.cluster.cluster.name, description: 'The GKE cluster' } } : {}),
    });
  }
}

/** GKE runs the service (compute `gke`) or the hybrid topology's stateful pool. */
export function usesGke(context: TargetContext): boolean {
  return context.tierConfig.compute?.gcp === 'gke' || context.topology.hasStatefulPool;
}
