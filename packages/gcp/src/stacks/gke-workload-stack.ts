import { DataGoogleComputeNetworkEndpointGroup } from '@cdktf/provider-google/lib/data-google-compute-network-endpoint-group';
import { MonitoringDashboard } from '@cdktf/provider-google/lib/monitoring-dashboard';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { dependable } from 'cdktf';
import { PORTS, requireTerraform, standardTags, type PolicyEngine, type TargetContext } from '@mockforge-infra/core';
import {
  CONTAINER_NAME,
  DEFAULT_SECRET_NAME,
  kubernetesRules,
  KubernetesWorkloadStack,
  NAMESPACE,
  objectLabels,
  standaloneNegAnnotation,
  WorkloadSecretSync,
} from '@mockforge-infra/kubernetes';
import type { Construct } from 'constructs';
import { GKE_AUTH_EXEC } from '../compute/gke-cluster';
import { gkeDashboard } from '../monitoring/dashboard';
import { gkeManagedPrometheus, GMP_NAMESPACE } from '../monitoring/managed-prometheus';
import { gkeZones, podEndpointGroupName } from '../naming';
import { GCP_SECRETS_PROVIDER } from '../secrets/gke-secrets-store';
import { addressPlan } from '../network/address-plan';
import { addGoogleProvider } from '../provider';
import { gkeNodeFitRules } from '../rules/gke-node-fit';
import { gcpProject } from './project';
import type { GcpRegionalStack } from './regional-stack';

/** GKE Workload Identity: the annotation that binds a Kubernetes ServiceAccount to a Google service account, and the role that allows it. */
export const WORKLOAD_IDENTITY = {
  annotation: 'iam.gke.io/gcp-service-account',
  role: 'roles/iam.workloadIdentityUser',
} as const;

/**
 * Annotations the Kubernetes provider leaves alone: GKE's NEG controller writes the NEGs' status on
 * the Service, which is not in its configuration and would plan its removal on every run.
 */
export const GKE_IGNORED_ANNOTATIONS = ['^cloud\\.google\\.com/neg-status$'] as const;

/** `serviceAccount:<project>.svc.id.goog[<namespace>/<name>]`: a Kubernetes ServiceAccount as an IAM member. */
export function workloadIdentityMember(project: string, namespace: string, serviceAccount: string): string {
  return `serviceAccount:${project}.svc.id.goog[${namespace}/${serviceAccount}]`;
}

export interface GkeWorkloadStackProps {
  readonly context: TargetContext;
  readonly policy?: PolicyEngine;
  /** The regional stack whose cluster runs the workload. */
  readonly regional: GcpRegionalStack;
}

/** Whether a region's GKE pods are the global load balancer's backends (compute `gke`; the hybrid topology on Cloud Run serves from Cloud Run). */
export function gkeServesTraffic(context: TargetContext): boolean {
  return context.tierConfig.compute?.gcp === 'gke';
}

/**
 * `<tier>-gcp-<region>-workload`: the MockForge workload from @mockforge-infra/kubernetes on the
 * region's GKE cluster. With compute `gke`, its Service asks GKE for standalone NEGs (one per zone,
 * named `podEndpointGroupName`), which the global stack reads and puts behind the global external
 * Application Load Balancer, so no Ingress is built. The pods run as the region's service account
 * through Workload Identity and pull the image through the region's Artifact Registry remote
 * repository. The provider authenticates through GKE's exec plugin (`GKE_AUTH_EXEC`), as whoever applies.
 */
export function addGkeWorkloadStack(scope: Construct, props: GkeWorkloadStackProps): KubernetesWorkloadStack {
  const { context, regional } = props;
  const { cluster, cache } = regional;
  if (!cluster || !cache) throw new Error(`${regional.node.id} has no GKE cluster or no Memorystore`);
  // The workload's own checks (CKV_K8S_*) apply to its stack; the node pool's capacity checks to the cluster's.
  props.policy?.register(kubernetesRules);
  props.policy?.register(gkeNodeFitRules);
  const project = gcpProject(context);
  const privateServices = addressPlan(context.vpcCidrs[context.topology.primaryRegion]!).privateServiceAccess;
  const serves = gkeServesTraffic(context);
  const negName = podEndpointGroupName(context.tier, regional.region);
  const namespace = NAMESPACE;
  const secretName = context.config.kubernetes?.existingSecretName ?? DEFAULT_SECRET_NAME;
  const stack = new KubernetesWorkloadStack(scope, {
    // The image through the region's pull-through cache of ghcr.io, as on Cloud Run.
    context: { ...context, service: { ...context.service, image: regional.images.imageFor(context.service.image) } },
    policy: props.policy,
    region: regional.region,
    role: 'workload',
    // The cluster's DNS endpoint with the caller's Google identity: reachable from CI runners outside
    // the VPC. Its certificate is publicly trusted; the cluster CA signs only the IP endpoints.
    provider: {
      host: cluster.host,
      exec: [GKE_AUTH_EXEC],
      ignoreAnnotations: [...GKE_IGNORED_ANNOTATIONS],
    },
    namespace,
    // The global load balancer reaches the pods through the standalone NEGs; the `gce` class
    // still admits Google's front-end ranges to the traffic ports in the NetworkPolicy.
    ingressClass: 'gce',
    ingress: false,
    ingressTls: 'cloud',
    ...(serves ? { serviceAnnotations: standaloneNegAnnotation(PORTS.http, negName) } : {}),
    serviceAccountAnnotations: { [WORKLOAD_IDENTITY.annotation]: regional.identity.account.email },
    // Written by the Secrets Store CSI driver when the first pod mounts the class's volume.
    secretName,
    databaseCidrs: [privateServices],
    redisCidrs: [privateServices],
    // Memorystore with in-transit encryption listens on 6378; the instance's own output says which.
    redisPorts: [cache.port],
    prometheusOperator: context.config.kubernetes?.prometheusOperator ?? false,
    // Without the operator, GKE's managed collectors scrape the metrics port from their namespace.
    ...(context.config.kubernetes?.prometheusOperator ? {} : { monitoringNamespace: GMP_NAMESPACE }),
  });
  addGoogleProvider(stack, project, regional.region);
  // Tiers deployed before the CSI driver held a Secret of the same name that Terraform wrote; the driver
  // now owns it, so Terraform forgets it instead of deleting it under the running pods (Terraform 1.7).
  stack.addOverride('removed', [{ from: 'kubernetes_secret_v1.secrets', lifecycle: { destroy: false } }]);
  requireTerraform(stack, '1.7');
  // The pods' Secret, synced by the Secrets Store CSI driver (installed with the cluster) from the latest
  // version of each of the region's Secret Manager secrets: MockForge reads environment variables only.
  // Google's plugin reads them as the mounting pod's ServiceAccount, i.e. the region's service account
  // (Workload Identity below), which holds secretAccessor on each; no value passes through this stack.
  const secretKeys = regional.context.service.secretKeys;
  const secretSync = new WorkloadSecretSync(stack, 'secret_sync', {
    namespace,
    dependsOn: [stack.workload.namespace.namespace],
    name: secretName,
    provider: GCP_SECRETS_PROVIDER,
    parameters: {
      auth: 'pod-adc',
      // The plugin reads `secrets` as YAML; JSON is YAML. `path` names the object secretObjects reads.
      secrets: JSON.stringify(
        secretKeys.map((key) => {
          const ref = regional.secrets.secrets[key];
          if (!ref) throw new Error(`${regional.node.id} has no secret for ${key}`);
          return { resourceName: `${stack.fromOtherStack(ref.id)}/versions/latest`, path: key };
        }),
      ),
    },
    keys: secretKeys,
    labels: objectLabels({ ...standardTags(context.tier, context.cloud, regional.region) }, 'shared'),
  });
  // The pods' ServiceAccount acts as the region's service account (Secret Manager, Cloud SQL IAM login, traces).
  const workloadIdentity = new ServiceAccountIamMember(stack, 'workload-identity', {
    serviceAccountId: stack.fromOtherStack(regional.identity.account.name),
    role: WORKLOAD_IDENTITY.role,
    member: workloadIdentityMember(project, namespace, namespace),
  });
  // A pod whose mount finds no class or no binding yet fails it until both exist; create them first.
  const { stateless, stateful } = stack.workload;
  for (const pod of [stateless.deployment, ...(stateful ? [stateful.statefulSet] : [])]) {
    for (const [path, value] of Object.entries(secretSync.podOverrides)) pod.addOverride(path, value);
    pod.dependsOn = [...(pod.dependsOn ?? []), dependable(secretSync.providerClass), dependable(workloadIdentity)];
  }
  // The guide's alerts, unless config says a Prometheus Operator in the cluster evaluates them.
  if (!context.config.kubernetes?.prometheusOperator)
    gkeManagedPrometheus(stack, context, regional.region, stack.workload.namespace.namespace);
  if (serves) {
    new MonitoringDashboard(stack, 'dashboard', {
      dashboardJson: gkeDashboard(
        `MockForge ${context.tier} ${regional.region} (GKE)`,
        negName,
        stack.fromOtherStack(cluster.cluster.name),
        CONTAINER_NAME,
      ),
    });
    // GKE's NEG controller creates the NEGs some time after the Service exists; the global stack reads
    // them at plan time and fails without them. Reading them here, after the pods have rolled out,
    // makes this stack's apply fail (the provider names the missing NEG) until they exist, so the
    // global stack, which depends on this one, never plans before; a second apply then passes.
    const { deployment, service } = stack.workload.stateless;
    for (const zone of gkeZones(regional.region))
      new DataGoogleComputeNetworkEndpointGroup(stack, `pods-${zone}`, { name: negName, zone, dependsOn: [service, deployment] });
    // A new or changed output holds back the global stack's plan until this stack has applied (the deploy workflow).
    stack.exportOutputs({
      network_endpoint_group_name: { value: negName, description: 'Standalone NEGs of the stateless pods, one per zone' },
    });
  }
  return stack;
}
