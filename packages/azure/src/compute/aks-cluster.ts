import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { HA_MINIMUMS, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import {
  NAMESPACE,
  nodeSizingLabels,
  planNodePool,
  prometheusAlertRules,
  workloadDemand,
  type NodePoolPlan,
} from '@mockforge-infra/kubernetes';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { AksMonitoring } from '../monitoring/aks-monitoring';
import { resourceName } from '../naming';
import { AKS, AKS_NODE_RESERVE, AKS_NODE_SHAPES, AKS_POOL_BOUNDS } from '../sizing';

export interface AksClusterProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly resourceGroupName: string;
  readonly subnetId: string;
  readonly logAnalyticsWorkspaceId: string;
  /** The region's action group: the Prometheus alerts notify it. */
  readonly actionGroupId: string;
  readonly tenantId: string;
  /** The regional registry the kubelet pulls from. */
  readonly registryId: string;
  /** The identity that applies the stacks: it deploys the workload through the API server. */
  readonly deployerObjectId: string;
  /** The subnet's NSG and NAT gateway associations: nodes egress through the NAT gateway from the start. */
  readonly subnetDependsOn?: ITerraformDependable[];
}

/** The user pool that follows from the pods: the smallest Dsv5 that holds one, within the guide's 3-10 nodes where it can. */
export function aksNodePlan(context: TargetContext): NodePoolPlan {
  const floor = context.tier === 'production' ? HA_MINIMUMS.production.instancesPerRegion : AKS_POOL_BOUNDS.min;
  const plan = planNodePool(AKS_NODE_SHAPES, AKS_NODE_RESERVE, workloadDemand(context), floor);
  return { ...plan, maxNodes: Math.max(plan.maxNodes, AKS_POOL_BOUNDS.max) };
}

/** The node resource group: the Private Link Services of the ingress land here. */
export function aksNodeResourceGroup(context: TargetContext, region: string): string {
  return `${resourceName(context.tier, region)}-aks-nodes`;
}

/**
 * AKS: Standard tier in production, a private API server (or `azure.aksAuthorizedCidrs`), Entra ID
 * RBAC with local accounts off, workload identity and the OIDC issuer, Azure CNI overlay with Cilium
 * network policy, system and user pools across three zones, patch auto-upgrade and node image
 * upgrades, the Key Vault secrets provider, managed Prometheus and Container Insights with their data
 * collection rules (`AksMonitoring`), the guide's four alerts as a Prometheus rule group unless the
 * Prometheus Operator evaluates them (`kubernetes.prometheusOperator`), and the
 * application routing add-on's managed ingress-nginx on an internal load balancer.
 */
export class AksCluster extends Construct {
  readonly cluster: KubernetesCluster;
  readonly userPool: KubernetesClusterNodePool;
  readonly nodePlan: NodePoolPlan;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    const { context, region } = props;
    const name = resourceName(context.tier, region);
    const authorized = context.config.azure?.aksAuthorizedCidrs ?? [];
    this.nodePlan = aksNodePlan(context);
    const window = context.database.maintenanceWindow;
    const maintenance = {
      frequency: 'Weekly',
      interval: 1,
      dayOfWeek: { sun: 'Sunday', mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday' }[
        window.day
      ],
      startTime: `${String(window.startHourUtc).padStart(2, '0')}:00`,
      duration: Math.max(4, Math.ceil(window.durationMinutes / 60)),
      utcOffset: '+00:00',
    };
    this.cluster = new KubernetesCluster(this, 'cluster', {
      name,
      location: region,
      resourceGroupName: props.resourceGroupName,
      dnsPrefix: name,
      nodeResourceGroup: aksNodeResourceGroup(context, region),
      skuTier: context.tier === 'production' ? AKS.skuTier.production : AKS.skuTier.other,
      privateClusterEnabled: authorized.length === 0,
      ...(authorized.length ? { apiServerAccessProfile: { authorizedIpRanges: [...authorized] } } : {}),
      localAccountDisabled: true,
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, tenantId: props.tenantId },
      workloadIdentityEnabled: true,
      oidcIssuerEnabled: true,
      automaticUpgradeChannel: AKS.automaticUpgradeChannel,
      nodeOsUpgradeChannel: AKS.nodeOsUpgradeChannel,
      maintenanceWindowAutoUpgrade: maintenance,
      maintenanceWindowNodeOs: maintenance,
      identity: { type: 'SystemAssigned' },
      networkProfile: {
        networkPlugin: AKS.networkPlugin,
        networkPluginMode: AKS.networkPluginMode,
        networkDataPlane: AKS.networkDataPlane,
        networkPolicy: AKS.networkPolicy,
        podCidr: AKS.podCidr,
        serviceCidr: AKS.serviceCidr,
        dnsServiceIp: AKS.dnsServiceIp,
        loadBalancerSku: 'standard',
        outboundType: 'userAssignedNATGateway',
      },
      defaultNodePool: {
        name: 'system',
        vmSize: AKS_NODE_SHAPES[0]!.name,
        vnetSubnetId: props.subnetId,
        zones: [...AKS.zones],
        autoScalingEnabled: true,
        minCount: AKS_POOL_BOUNDS.min,
        maxCount: AKS_POOL_BOUNDS.max,
        maxPods: AKS.maxPodsPerNode,
        onlyCriticalAddonsEnabled: true,
        osSku: 'AzureLinux',
        temporaryNameForRotation: 'systemtmp',
        upgradeSettings: { maxSurge: '33%' },
      },
      keyVaultSecretsProvider: { secretRotationEnabled: true },
      monitorMetrics: {},
      omsAgent: { logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId, msiAuthForMonitoringEnabled: true },
      webAppRouting: { dnsZoneIds: [], defaultNginxController: 'Internal' },
      imageCleanerEnabled: true,
      imageCleanerIntervalHours: 48,
      dependsOn: props.subnetDependsOn,
      // The autoscaler owns node counts.
      lifecycle: { ignoreChanges: ['default_node_pool[0].node_count'] },
    });
    this.userPool = new KubernetesClusterNodePool(this, 'user-pool', {
      name: 'user',
      kubernetesClusterId: this.cluster.id,
      mode: 'User',
      vmSize: this.nodePlan.machine.name,
      vnetSubnetId: props.subnetId,
      zones: [...AKS.zones],
      autoScalingEnabled: true,
      minCount: this.nodePlan.minNodes,
      maxCount: this.nodePlan.maxNodes,
      maxPods: AKS.maxPodsPerNode,
      osSku: 'AzureLinux',
      nodeLabels: nodeSizingLabels(workloadDemand(context)),
      upgradeSettings: { maxSurge: '33%' },
      lifecycle: { ignoreChanges: ['node_count'] },
    });
    new RoleAssignment(this, 'acr-pull', {
      scope: props.registryId,
      roleDefinitionName: 'AcrPull',
      principalId: this.cluster.kubeletIdentity.objectId,
      principalType: 'ServicePrincipal',
    });
    // The cloud provider creates the ingress Service's load balancer and Private Link Service in the subnet.
    new RoleAssignment(this, 'subnet-network-contributor', {
      scope: props.subnetId,
      roleDefinitionName: 'Network Contributor',
      principalId: this.cluster.identity.principalId,
      principalType: 'ServicePrincipal',
    });
    // Local accounts are off and Azure RBAC decides, so the deploying identity needs a data-plane role for the workload stack.
    new RoleAssignment(this, 'deployer-cluster-admin', {
      scope: this.cluster.id,
      roleDefinitionName: 'Azure Kubernetes Service RBAC Cluster Admin',
      principalId: props.deployerObjectId,
    });
    new AksMonitoring(this, 'monitoring', {
      name,
      region,
      resourceGroupName: props.resourceGroupName,
      clusterId: this.cluster.id,
      clusterName: name,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      ...(context.config.kubernetes?.prometheusOperator
        ? {}
        : { alerts: { rules: prometheusAlertRules({ namespace: NAMESPACE }), actionGroupId: props.actionGroupId } }),
    });
    applyCommonProps(this, this.cluster, props);
  }
}
