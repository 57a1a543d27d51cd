import { ComputeManagedSslCertificate } from '@cdktf/provider-google/lib/compute-managed-ssl-certificate';
import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { Lazy } from 'cdktf';
import type { MockforgeStack, PolicyEngine, TargetContext } from '@mockforge-infra/core';
import { DEFAULT_SECRET_NAME, kubernetesRules, KubernetesWorkloadStack } from '@mockforge-infra/kubernetes';
import type { Construct } from 'constructs';
import { gkeManagedPrometheus, GMP_NAMESPACE } from '../monitoring/managed-prometheus';
import { ingressAddressName, resourceName } from '../naming';
import { addressPlan } from '../network/address-plan';
import { addGoogleProvider } from '../provider';
import { gkeNodeFitRules } from '../rules/gke-node-fit';
import { gcpProject } from './project';
import type { GcpRegionalStack } from './regional-stack';

/** The `gce` ingress annotations that attach a certificate held by the load balancer and a reserved address. */
export const GCE_INGRESS_ANNOTATIONS = {
  preSharedCert: 'ingress.gcp.kubernetes.io/pre-shared-cert',
  staticIp: 'kubernetes.io/ingress.global-static-ip-name',
} as const;

export interface GkeWorkloadStackProps {
  readonly context: TargetContext;
  readonly policy?: PolicyEngine;
  /** The regional stack whose cluster runs the workload. */
  readonly regional: GcpRegionalStack;
  /**
   * The stack that reserves the ingress's global address. The ingress names the address, which
   * Terraform cannot see as a reference, so this stack depends on it explicitly.
   */
  readonly global?: MockforgeStack;
}

/**
 * `<tier>-gcp-<region>-workload`: the MockForge workload from @mockforge-infra/kubernetes on the
 * region's GKE cluster, behind a `gce` ingress. The provider authenticates with a short-lived
 * token read in this stack (google_client_config), never passed between stacks. The ingress's
 * certificate is held by the Google load balancer (a Google-managed certificate for the tier's
 * hostname, or `tls.gcpCertificate`), so the cluster runs no cert-manager challenge.
 */
export function addGkeWorkloadStack(scope: Construct, props: GkeWorkloadStackProps): KubernetesWorkloadStack {
  const { context, regional } = props;
  const { cluster, cache } = regional;
  if (!cluster || !cache) throw new Error(`${regional.node.id} has no GKE cluster or no Memorystore`);
  // The workload's own checks (CKV_K8S_*) apply to its stack; the node pool's capacity checks to the cluster's.
  props.policy?.register(kubernetesRules);
  props.policy?.register(gkeNodeFitRules);
  let client: DataGoogleClientConfig | undefined;
  let certificate: ComputeManagedSslCertificate | undefined;
  const provided = context.config.tls?.mode === 'provided' ? context.config.tls.gcpCertificate : undefined;
  const privateServices = addressPlan(context.vpcCidrs[context.topology.primaryRegion]!).privateServiceAccess;
  const servesPublicTraffic = context.tierConfig.compute?.gcp === 'gke' && regional.region === context.topology.primaryRegion;
  const stack = new KubernetesWorkloadStack(scope, {
    context,
    policy: props.policy,
    region: regional.region,
    role: 'workload',
    provider: {
      host: cluster.host,
      clusterCaCertificate: cluster.clusterCaCertificate,
      token: Lazy.stringValue({ produce: () => client!.accessToken }),
    },
    ingressClass: 'gce',
    ingressTls: 'cloud',
    secretName: context.config.kubernetes?.existingSecretName ?? DEFAULT_SECRET_NAME,
    databaseCidrs: [privateServices],
    redisCidrs: [privateServices],
    // Memorystore with in-transit encryption listens on 6378; the instance's own output says which.
    redisPorts: [cache.port],
    prometheusOperator: context.config.kubernetes?.prometheusOperator ?? false,
    // Without the operator, GKE's managed collectors scrape the metrics port from their namespace.
    ...(context.config.kubernetes?.prometheusOperator ? {} : { monitoringNamespace: GMP_NAMESPACE }),
    ingressAnnotations: {
      // A reference, so Terraform creates the certificate before the ingress names it.
      [GCE_INGRESS_ANNOTATIONS.preSharedCert]: provided ?? Lazy.stringValue({ produce: () => certificate!.name }),
      ...(servesPublicTraffic ? { [GCE_INGRESS_ANNOTATIONS.staticIp]: ingressAddressName(context.tier) } : {}),
    },
  });
  if (servesPublicTraffic) {
    if (!props.global) throw new Error(`${stack.node.id} names the global ingress address: pass the global stack`);
    stack.addDependency(props.global);
  }
  addGoogleProvider(stack, gcpProject(context), regional.region);
  client = new DataGoogleClientConfig(stack, 'google-client');
  // The guide's alerts, unless config says a Prometheus Operator in the cluster evaluates them.
  if (!context.config.kubernetes?.prometheusOperator)
    gkeManagedPrometheus(stack, context, regional.region, stack.workload.namespace.namespace);
  if (!provided) {
    certificate = new ComputeManagedSslCertificate(stack, 'ingress-certificate', {
      name: resourceName(context.tier, regional.region, 'ingress'),
      description: 'Google-managed certificate of the GKE ingress',
      managed: { domains: [context.hostname] },
    });
  }
  return stack;
}
