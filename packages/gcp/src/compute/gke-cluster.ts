import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { INTERNAL_CIDR, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { nodeSizingLabels, planNodePool, workloadDemand, type NodePoolPlan } from '@mockforge-infra/kubernetes';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { gkeZones, resourceName, shortName } from '../naming';
import { POD_RANGE_NAME, SERVICE_RANGE_NAME } from '../network/regional-network';
import { GCP_SIZES, GKE, GKE_NODE_RESERVE, GKE_NODE_SHAPES } from '../sizing';
import { ServiceIdentity } from './service-identity';

/** What GKE nodes need: logs, metrics, and pulling images; nothing else. */
export const NODE_ROLES = [
  'roles/logging.logWriter',
  'roles/monitoring.metricWriter',
  'roles/monitoring.viewer',
  'roles/stackdriver.resourceMetadata.writer',
  'roles/autoscaling.metricsWriter',
  'roles/artifactregistry.reader',
] as const;

/**
 * How Terraform's Kubernetes and Helm providers log in to a cluster: GKE's exec plugin mints a token for
 * the identity running that step. A token read at plan time (google_client_config) would be frozen into
 * a saved plan: the plan job's identity, expired by the time an approved apply runs. Needs gcloud with
 * the `gke-gcloud-auth-plugin` component where Terraform runs (the deploy workflow installs it).
 */
export const GKE_AUTH_EXEC = { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'gke-gcloud-auth-plugin' } as const;

export interface GkeClusterProps extends CommonProps {
  readonly context: TargetContext;
  readonly project: string;
  readonly region: string;
  readonly networkId: string;
  readonly subnetId: string;
  /** The /28 for the control plane. */
  readonly controlPlaneCidr: string;
  /** Run the Backup for GKE agent (hybrid topology). @default false */
  readonly backupAgent?: boolean;
}

/**
 * The node pool that follows from the workload: the smallest machine of the size's family that holds
 * one MockForge pod after GKE's reservations, enough nodes for the HPAs' minimum pods (at least one
 * per zone) and for their maximum plus the rolling-update surge.
 */
export function gkeNodePlan(context: TargetContext): NodePoolPlan {
  const shapes = GKE_NODE_SHAPES[GCP_SIZES[context.profile.size].gkeNodeFamily];
  return planNodePool(shapes, GKE_NODE_RESERVE, workloadDemand(context), GKE.defaultZones);
}

/**
 * A regional, private GKE Standard cluster: private nodes, a private IP endpoint (or one open to
 * authorized networks), the DNS-based endpoint for Terraform and kubectl, Workload Identity, shielded nodes with secure boot, Dataplane V2, Binary Authorization, a release
 * channel, and one autoscaled node pool on a dedicated service account.
 */
export class GkeCluster extends Construct {
  readonly cluster: ContainerCluster;
  readonly nodePool: ContainerNodePool;
  readonly nodePlan: NodePoolPlan;
  readonly nodeIdentity: ServiceIdentity;
  /**
   * `https://<DNS endpoint>` for the Kubernetes provider, reachable from anywhere with Google IAM
   * (`container.clusters.connect`); its certificate is publicly trusted, so no cluster CA goes with it.
   */
  readonly host: string;

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id);
    const { context, project, region } = props;
    this.nodeIdentity = new ServiceIdentity(this, 'nodes', {
      project,
      accountId: shortName(context.tier, region, 'gke'),
      displayName: `MockForge GKE nodes ${context.tier} ${region}`,
      roles: NODE_ROLES,
    });
    const configured = context.config.gcp?.gkeMasterAuthorizedCidrs;
    const authorized = configured && configured.length > 0 ? configured : [INTERNAL_CIDR];
    this.nodePlan = gkeNodePlan(context);
    const nodeConfig = {
      machineType: this.nodePlan.machine.name,
      diskSizeGb: GKE.diskSizeGb,
      diskType: GKE.diskType,
      imageType: GKE.imageType,
      serviceAccount: this.nodeIdentity.account.email,
      oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
      workloadMetadataConfig: { mode: 'GKE_METADATA' },
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      metadata: { 'disable-legacy-endpoints': 'true' },
      labels: nodeSizingLabels(workloadDemand(context)),
    };
    this.cluster = new ContainerCluster(this, 'cluster', {
      name: resourceName(context.tier, region),
      location: region,
      // Named, not GKE's pick: the global stack reads one standalone NEG in each of these zones.
      nodeLocations: gkeZones(region),
      network: props.networkId,
      subnetwork: props.subnetId,
      deletionProtection: context.profile.deletionProtection,
      // The default pool is replaced by the managed pool below; its config is secure meanwhile.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      nodeConfig,
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy: { clusterSecondaryRangeName: POD_RANGE_NAME, servicesSecondaryRangeName: SERVICE_RANGE_NAME },
      privateClusterConfig: {
        enablePrivateNodes: true,
        // Without configured CIDRs the IP endpoint is reachable only from inside the VPC.
        enablePrivateEndpoint: !configured || configured.length === 0,
        masterIpv4CidrBlock: props.controlPlaneCidr,
        masterGlobalAccessConfig: { enabled: true },
      },
      // The DNS endpoint admits callers by IAM, not by network, so CI runners outside the VPC reach
      // the API with their Google token; the authorized networks below guard the IP endpoint only.
      controlPlaneEndpointsConfig: { dnsEndpointConfig: { allowExternalTraffic: true } },
      masterAuthorizedNetworksConfig: { cidrBlocks: authorized.map((cidrBlock) => ({ cidrBlock, displayName: 'authorized' })) },
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      enableLegacyAbac: false,
      enableShieldedNodes: true,
      enableIntranodeVisibility: true,
      datapathProvider: 'ADVANCED_DATAPATH',
      workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
      binaryAuthorization: { evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' },
      releaseChannel: { channel: GKE.releaseChannel },
      // Off: GKE's Secret Manager add-on mounts files only (no sync to Kubernetes Secrets), and it ships the
      // same SecretProviderClass CRDs as the upstream driver the regional stack installs, which would then
      // have two owners. The upstream driver with Google's plugin syncs the pods' Secret (GkeSecretsStore).
      secretManagerConfig: { enabled: false },
      // Managed collection: the workload stack's PodMonitoring and PromQL alert policies rely on it.
      monitoringConfig: { managedPrometheus: { enabled: true } },
      addonsConfig: {
        httpLoadBalancing: { disabled: false },
        horizontalPodAutoscaling: { disabled: false },
        ...(props.backupAgent ? { gkeBackupAgentConfig: { enabled: true } } : {}),
      },
      maintenancePolicy: {
        dailyMaintenanceWindow: { startTime: `${String(context.database.maintenanceWindow.startHourUtc).padStart(2, '0')}:00` },
      },
      // GKE reports the first node pool's config as the cluster's once the default pool is gone; an
      // update would target that deleted pool. The managed pool below owns the node settings.
      lifecycle: { ignoreChanges: ['node_config'] },
    });
    this.nodePool = new ContainerNodePool(this, 'node-pool', {
      name: 'mockforge',
      cluster: this.cluster.id,
      location: region,
      nodeLocations: gkeZones(region),
      // Per zone in a regional pool: the first apply starts with room for the minimum pods instead of
      // waiting for scale-up from zero. The autoscaler owns the count afterwards.
      initialNodeCount: Math.ceil(this.nodePlan.minNodes / GKE.defaultZones),
      autoscaling: {
        totalMinNodeCount: this.nodePlan.minNodes,
        totalMaxNodeCount: this.nodePlan.maxNodes,
        locationPolicy: 'BALANCED',
      },
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { maxSurge: 1, maxUnavailable: 0 },
      nodeConfig,
      lifecycle: { ignoreChanges: ['initial_node_count'] },
    });
    applyCommonProps(this, this.cluster, props);
    this.host = `https://${this.cluster.controlPlaneEndpointsConfig.dnsEndpointConfig.endpoint}`;
  }
}
