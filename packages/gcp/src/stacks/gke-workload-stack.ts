import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { Lazy } from 'cdktf';
import type { PolicyEngine, TargetContext } from '@mockforge-infra/core';
import { DEFAULT_SECRET_NAME, KubernetesWorkloadStack } from '@mockforge-infra/kubernetes';
import type { Construct } from 'constructs';
import { resourceName } from '../naming';
import { addressPlan } from '../network/address-plan';
import { addGoogleProvider } from '../provider';
import { gcpProject } from './project';
import type { GcpRegionalStack } from './regional-stack';

/** The global address the GKE ingress takes when GKE serves the public traffic (compute `gke`). */
export function ingressAddressName(context: TargetContext): string {
  return resourceName(context.tier, 'edge');
}

export interface GkeWorkloadStackProps {
  readonly context: TargetContext;
  readonly policy?: PolicyEngine;
  /** The regional stack whose cluster runs the workload. */
  readonly regional: GcpRegionalStack;
}

/**
 * `<tier>-gcp-<region>-workload`: the MockForge workload from @mockforge-infra/kubernetes on the
 * region's GKE cluster, behind a `gce` ingress. The provider authenticates with a short-lived
 * token read in this stack (google_client_config), never passed between stacks.
 */
export function addGkeWorkloadStack(scope: Construct, props: GkeWorkloadStackProps): KubernetesWorkloadStack {
  const { context, regional } = props;
  const cluster = regional.cluster;
  if (!cluster) throw new Error(`${regional.node.id} has no GKE cluster`);
  let client: DataGoogleClientConfig | undefined;
  const privateServices = addressPlan(context.vpcCidrs[context.topology.primaryRegion]!).privateServiceAccess;
  const servesPublicTraffic = context.tierConfig.compute?.gcp === 'gke' && regional.region === context.topology.primaryRegion;
  const stack = new KubernetesWorkloadStack(scope, {
    context,
    policy: props.policy,
    region: `${regional.region}-workload`,
    provider: {
      host: cluster.host,
      clusterCaCertificate: cluster.clusterCaCertificate,
      token: Lazy.stringValue({ produce: () => client!.accessToken }),
    },
    ingressClass: 'gce',
    secretName: context.config.kubernetes?.existingSecretName ?? DEFAULT_SECRET_NAME,
    databaseCidrs: [privateServices],
    redisCidrs: [privateServices],
    ...(servesPublicTraffic ? { ingressAnnotations: { 'kubernetes.io/ingress.global-static-ip-name': ingressAddressName(context) } } : {}),
  });
  addGoogleProvider(stack, gcpProject(context), regional.region);
  client = new DataGoogleClientConfig(stack, 'google-client');
  return stack;
}
