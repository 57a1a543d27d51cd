import { DataAzurermKeyVaultSecret } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret';
import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Fn, Lazy } from 'cdktf';
import { HEALTH_PATHS, PORTS, PUBLIC_PORTS, type MockforgeStack, type PolicyEngine, type TargetContext } from '@mockforge-infra/core';
import { kubernetesRules, KubernetesWorkloadStack, NAMESPACE, SERVER_SELECTOR } from '@mockforge-infra/kubernetes';
import type { Construct } from 'constructs';
import type { PrivateLinkTarget } from '../cdn/front-door';
import { aksNodeResourceGroup } from '../compute/aks-cluster';
import { AMA_METRICS, AksPrometheusScrape } from '../monitoring/aks-monitoring';
import { resourceName } from '../naming';
import { addAzureProvider } from '../provider';
import { aksNodeFitRules } from '../rules/aks-node-fit';
import { secretName } from '../secrets/key-vault';
import { AKS } from '../sizing';
import type { AzureRegionalStack } from './regional-stack';

export const WORKLOAD_SECRET_NAME = 'mockforge-secrets';
/** AKS's Entra ID server application, the audience of kubelogin tokens. */
export const AKS_ENTRA_SERVER_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';
const AZURE_LB = 'service.beta.kubernetes.io/azure';

/** The Private Link Service the edge Service asks the cloud provider for. */
export function privateLinkServiceName(context: TargetContext, region: string): string {
  return resourceName(context.tier, region, 'edge');
}

export interface AksWorkloadStackProps {
  readonly context: TargetContext;
  readonly policy?: PolicyEngine;
  readonly regional: AzureRegionalStack;
}

/**
 * `<tier>-azure-<region>-workload`: the MockForge workload from @mockforge-infra/kubernetes on the
 * region's AKS cluster. Its Ingress takes the application routing add-on's class (managed
 * ingress-nginx on an internal load balancer, there on a fresh cluster) for in-VNet clients. Front
 * Door reaches the pods through a Private Link Service that an internal LoadBalancer Service asks the
 * cloud provider for. The Secret is written here from the region's Key Vault; the provider signs in
 * with kubelogin (local accounts are off). Without the Prometheus Operator, the managed Prometheus
 * add-on scrapes the metrics port from its namespace (`AksPrometheusScrape`) for the regional stack's
 * alert rule group.
 */
export function addAksWorkloadStack(scope: Construct, props: AksWorkloadStackProps): KubernetesWorkloadStack {
  // The region's context: its secret keys follow what the region built (no DATABASE_URL without a database).
  const { regional } = props;
  const context = regional.context;
  if (!regional.cluster || !regional.cache) throw new Error(`${regional.node.id} has no AKS cluster or no Managed Redis`);
  props.policy?.register(kubernetesRules);
  props.policy?.register(aksNodeFitRules);
  const operator = context.config.kubernetes?.prometheusOperator ?? false;
  let data: DataAzurermKubernetesCluster | undefined;
  const stack = new KubernetesWorkloadStack(scope, {
    context,
    policy: props.policy,
    region: `${regional.region}-workload`,
    provider: {
      host: Lazy.stringValue({ produce: () => data!.kubeConfig.get(0).host }),
      clusterCaCertificate: Lazy.stringValue({ produce: () => Fn.base64decode(data!.kubeConfig.get(0).clusterCaCertificate) }),
      exec: [
        {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: 'kubelogin',
          args: ['get-token', '--login', 'azurecli', '--server-id', AKS_ENTRA_SERVER_ID],
        },
      ],
    },
    ingressClass: 'nginx',
    ingressTls: 'cloud',
    ingressNamespace: AKS.ingressNamespace,
    secretName: WORKLOAD_SECRET_NAME,
    databaseCidrs: [...new Set([regional.network.cidr, context.vpcCidrs[context.topology.primaryRegion]!])],
    redisCidrs: [regional.network.cidr],
    redisPorts: [regional.cache.port],
    prometheusOperator: operator,
    // Without the operator, the managed Prometheus add-on's collectors scrape the metrics port from their namespace.
    ...(operator ? {} : { monitoringNamespace: AMA_METRICS.namespace }),
  });
  // The add-on's class is not `nginx`; its controller is ingress-nginx, so the nginx annotations apply.
  stack.workload.ingress.ingress.addOverride('spec.ingress_class_name', AKS.ingressClassName);
  stack.addDependency(regional);
  addAzureProvider(stack, context);
  const rg = resourceName(context.tier, regional.region);
  data = new DataAzurermKubernetesCluster(stack, 'cluster', { name: resourceName(context.tier, regional.region), resourceGroupName: rg });
  const vaultId = stack.fromOtherStack(regional.vault.vault.id);
  const namespace = stack.workload.namespace.name;
  if (!operator)
    new AksPrometheusScrape(stack, 'managed-prometheus', {
      namespace: NAMESPACE,
      name: context.service.name,
      podSelector: SERVER_SELECTOR,
      labels: { ...SERVER_SELECTOR },
      dependsOn: [stack.workload.namespace.namespace],
    });
  new SecretV1(stack, 'secrets', {
    metadata: { name: WORKLOAD_SECRET_NAME, namespace },
    data: Object.fromEntries(
      context.service.secretKeys.map((key) => [
        key,
        new DataAzurermKeyVaultSecret(stack, `secret-${secretName(key)}`, { name: secretName(key), keyVaultId: vaultId }).value,
      ]),
    ),
  });
  if (context.tierConfig.compute?.azure === 'aks') {
    new ServiceV1(stack, 'edge', {
      metadata: {
        name: 'mockforge-edge',
        namespace,
        annotations: {
          [`${AZURE_LB}-load-balancer-internal`]: 'true',
          [`${AZURE_LB}-pls-create`]: 'true',
          [`${AZURE_LB}-pls-name`]: privateLinkServiceName(context, regional.region),
          // Used while the policy is Cluster; with Local the probe goes to the node's health check port, which answers
          // only where a ready pod (readiness on /health/ready) runs.
          [`${AZURE_LB}-load-balancer-health-probe-protocol`]: 'http',
          [`${AZURE_LB}-load-balancer-health-probe-request-path`]: HEALTH_PATHS.readiness,
        },
      },
      spec: {
        type: 'LoadBalancer',
        // Keeps the Private Link NAT address as the source: Cilium classes traffic SNATed by another node as that node, never the ipBlock.
        externalTrafficPolicy: 'Local',
        selector: { ...SERVER_SELECTOR },
        port: [{ name: 'http', port: PUBLIC_PORTS.http, targetPort: String(PORTS.http) }],
      },
    });
    new NetworkPolicyV1(stack, 'edge-policy', {
      metadata: { name: 'mockforge-from-private-link', namespace },
      spec: {
        podSelector: { matchLabels: { ...SERVER_SELECTOR } },
        policyTypes: ['Ingress'],
        ingress: [{ ports: [{ port: String(PORTS.http), protocol: 'TCP' }], from: [{ ipBlock: { cidr: regional.network.cidr } }] }],
      },
    });
  }
  return stack;
}

/** Front Door's origin for one AKS region: the Private Link Service in the cluster's node resource group. */
export function aksOrigin(context: TargetContext, regional: AzureRegionalStack, stack: MockforgeStack) {
  return {
    region: regional.region,
    stack,
    privateLinkTarget: {
      resourceGroupName: aksNodeResourceGroup(context, regional.region),
      name: privateLinkServiceName(context, regional.region),
      type: 'Microsoft.Network/privateLinkServices',
    } satisfies PrivateLinkTarget,
    privateLinkServiceId: (subscriptionId: string) =>
      `/subscriptions/${subscriptionId}/resourceGroups/${aksNodeResourceGroup(context, regional.region)}/providers/Microsoft.Network/privateLinkServices/${privateLinkServiceName(context, regional.region)}`,
  };
}
