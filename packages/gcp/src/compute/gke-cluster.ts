import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { Fn } from 'cdktf';
import { HA_MINIMUMS, INTERNAL_CIDR, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName, shortName } from '../naming';
import { POD_RANGE_NAME, SERVICE_RANGE_NAME } from '../network/regional-network';
import { GCP_SIZES, GKE } from '../sizing';
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
 * A regional, private GKE Standard cluster: private nodes, authorized control-plane networks,
 * Workload Identity, shielded nodes with secure boot, Dataplane V2, Binary Authorization, a release
 * channel, and one autoscaled node pool on a dedicated service account.
 */
export class GkeCluster extends Construct {
  readonly cluster: ContainerCluster;
  readonly nodePool: ContainerNodePool;
  readonly nodeIdentity: ServiceIdentity;
  /** `https://<endpoint>` for the Kubernetes provider. */
  readonly host: string;
  /** PEM, decoded, for the Kubernetes provider. */
  readonly clusterCaCertificate: string;

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
    const nodeConfig = {
      machineType: GCP_SIZES[context.profile.size].gkeMachineType,
      diskSizeGb: GKE.diskSizeGb,
      diskType: GKE.diskType,
      imageType: GKE.imageType,
      serviceAccount: this.nodeIdentity.account.email,
      oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
      workloadMetadataConfig: { mode: 'GKE_METADATA' },
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      metadata: { 'disable-legacy-endpoints': 'true' },
    };
    this.cluster = new ContainerCluster(this, 'cluster', {
      name: resourceName(context.tier, region),
      location: region,
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
        // Without configured CIDRs the control plane is reachable only from inside the VPC.
        enablePrivateEndpoint: !configured || configured.length === 0,
        masterIpv4CidrBlock: props.controlPlaneCidr,
        masterGlobalAccessConfig: { enabled: true },
      },
      masterAuthorizedNetworksConfig: { cidrBlocks: authorized.map((cidrBlock) => ({ cidrBlock, displayName: 'authorized' })) },
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      enableLegacyAbac: false,
      enableShieldedNodes: true,
      enableIntranodeVisibility: true,
      datapathProvider: 'ADVANCED_DATAPATH',
      workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
      binaryAuthorization: { evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' },
      releaseChannel: { channel: GKE.releaseChannel },
      secretManagerConfig: { enabled: true },
      addonsConfig: {
        httpLoadBalancing: { disabled: false },
        horizontalPodAutoscaling: { disabled: false },
        ...(props.backupAgent ? { gkeBackupAgentConfig: { enabled: true } } : {}),
      },
      maintenancePolicy: {
        dailyMaintenanceWindow: { startTime: `${String(context.database.maintenanceWindow.startHourUtc).padStart(2, '0')}:00` },
      },
    });
    this.nodePool = new ContainerNodePool(this, 'node-pool', {
      name: 'mockforge',
      cluster: this.cluster.id,
      location: region,
      autoscaling: {
        totalMinNodeCount: HA_MINIMUMS.production.instancesPerRegion,
        totalMaxNodeCount: GKE.nodePoolMaxNodes,
        locationPolicy: 'BALANCED',
      },
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { maxSurge: 1, maxUnavailable: 0 },
      nodeConfig,
    });
    applyCommonProps(this, this.cluster, props);
    this.host = `https://${this.cluster.endpoint}`;
    this.clusterCaCertificate = Fn.base64decode(this.cluster.masterAuth.clusterCaCertificate);
  }
}
