import { DataDigitaloceanKubernetesCluster } from '@cdktf/provider-digitalocean/lib/data-digitalocean-kubernetes-cluster';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Fn, Lazy } from 'cdktf';
import { ENV, PORTS, PUBLIC_PORTS, TARGET_HEALTH, type PolicyEngine, type TargetContext } from '@mockforge-infra/core';
import { kubernetesRules, KubernetesWorkloadStack, SERVER_SELECTOR } from '@mockforge-infra/kubernetes';
import type { Construct } from 'constructs';
import { resourceName } from '../naming';
import { doksNodeFitRules } from '../rules/doks-node-fit';
import { addDigitalOceanProvider } from '../provider';
import { LB_HTTP_IDLE_TIMEOUT_SECONDS, regionalLoadBalancerName } from '../load-balancing/regional-load-balancer';
import { DOKS, LOAD_BALANCER } from '../sizing';
import type { DigitalOceanRegionalStack } from './regional-stack';

export const WORKLOAD_SECRET_NAME = 'mockforge-secrets';
const DO_LB = 'service.beta.kubernetes.io/do-loadbalancer';

export interface DoksWorkloadStackProps {
  readonly context: TargetContext;
  readonly policy?: PolicyEngine;
  readonly regional: DigitalOceanRegionalStack;
}

/**
 * `<tier>-digitalocean-<region>-workload`: the MockForge workload from @mockforge-infra/kubernetes on
 * the region's DOKS cluster. A fresh DOKS cluster has no ingress controller, so the public path is a
 * LoadBalancer Service that adopts the regional load balancer Terraform created (TLS ends there),
 * with a NetworkPolicy admitting it on the HTTP port from the VPC. The Secret is written here from the
 * databases' outputs and the admin credentials the primary regional stack generated: nothing to fill by hand. The cluster credentials are read in this stack.
 */
export function addDoksWorkloadStack(scope: Construct, props: DoksWorkloadStackProps): KubernetesWorkloadStack {
  const { regional } = props;
  // The regional stack's context: its secret keys name only the stores the tier runs.
  const { context, cluster, cache } = regional;
  if (!cluster) throw new Error(`${regional.node.id} has no DOKS cluster`);
  // The workload's own checks apply to its stack; the node pool's capacity checks to the cluster's.
  props.policy?.register(kubernetesRules);
  props.policy?.register(doksNodeFitRules);
  let data: DataDigitaloceanKubernetesCluster | undefined;
  const config = () => data!.kubeConfig.get(0);
  const stack = new KubernetesWorkloadStack(scope, {
    context,
    policy: props.policy,
    region: regional.region,
    role: 'workload',
    provider: {
      host: Lazy.stringValue({ produce: () => data!.endpoint }),
      token: Lazy.stringValue({ produce: () => config().token }),
      clusterCaCertificate: Lazy.stringValue({ produce: () => Fn.base64decode(config().clusterCaCertificate) }),
    },
    ingressClass: 'nginx',
    ingressTls: 'cloud',
    // DigitalOcean has no managed Prometheus: with an operator installed in the cluster, its ServiceMonitor and rules.
    prometheusOperator: context.config.kubernetes?.prometheusOperator ?? false,
    secretName: WORKLOAD_SECRET_NAME,
    // The pool is the primary region's (over the peering), Valkey this region's own; without them the
    // egress rules name this VPC on the standard ports, where nothing listens.
    databaseCidrs: [regional.databaseCidr ?? regional.network.cidr],
    redisCidrs: [regional.network.cidr],
    // DigitalOcean's managed databases listen on their own ports (pool 25061, Valkey 25061), not 5432/6379.
    ...(regional.databasePort !== undefined ? { databasePorts: [regional.databasePort] } : {}),
    ...(cache ? { redisPorts: [cache.port] } : {}),
  });
  // A fresh DOKS cluster runs no ingress controller, so an Ingress would route nothing: the public
  // path is the LoadBalancer Service below, and the workload's Ingress is not emitted.
  stack.workload.node.tryRemoveChild('ingress');
  stack.addDependency(regional);
  addDigitalOceanProvider(stack);
  data = new DataDigitaloceanKubernetesCluster(stack, 'cluster', { name: resourceName(context.tier, regional.region) });
  const namespace = stack.workload.namespace.name;
  new SecretV1(stack, 'secrets', {
    metadata: { name: WORKLOAD_SECRET_NAME, namespace },
    data: {
      ...(regional.databaseUrl ? { [ENV.databaseUrl]: stack.fromOtherStack(regional.databaseUrl) } : {}),
      ...(cache ? { [ENV.redisUrl]: stack.fromOtherStack(cache.connectionUri) } : {}),
      ...Object.fromEntries(Object.entries(regional.adminSecrets).map(([key, value]) => [key, stack.fromOtherStack(value)])),
    },
  });
  const natGatewayIp = regional.network.natGatewayIp;
  if (natGatewayIp)
    // DOKS nodes keep their own public route unless the routing agent overrides it: all egress leaves by the NAT gateway.
    new Manifest(stack, 'nat-route', {
      manifest: {
        apiVersion: DOKS.routeApiVersion,
        kind: 'Route',
        metadata: { name: 'mockforge-egress-via-nat' },
        spec: { destinations: ['0.0.0.0/0'], gateways: [stack.fromOtherStack(natGatewayIp)] },
      },
    });
  if (regional.loadBalancer) {
    const lbId = stack.fromOtherStack(regional.loadBalancer.loadBalancer.id);
    const certificate = stack.fromOtherStack(regional.loadBalancer.certificate.name);
    new ServiceV1(stack, 'load-balancer', {
      metadata: {
        name: 'mockforge-public',
        namespace,
        annotations: {
          'kubernetes.digitalocean.com/load-balancer-id': lbId,
          [`${DO_LB}-protocol`]: 'http',
          [`${DO_LB}-tls-ports`]: String(PUBLIC_PORTS.https),
          [`${DO_LB}-certificate-name`]: certificate,
          [`${DO_LB}-redirect-http-to-https`]: 'true',
          // The controller rewrites the adopted load balancer from these: the same name, size and idle timeout as Terraform's.
          [`${DO_LB}-name`]: regionalLoadBalancerName(context, regional.region),
          [`${DO_LB}-size-unit`]: String(LOAD_BALANCER.sizeUnit),
          [`${DO_LB}-http-idle-timeout-seconds`]: String(LB_HTTP_IDLE_TIMEOUT_SECONDS),
          [`${DO_LB}-disable-lets-encrypt-dns-records`]: 'true',
          // Without the override the controller checks its own choice (kube-proxy's health NodePort) and ignores the path.
          [`${DO_LB}-override-health-check`]: 'true',
          [`${DO_LB}-healthcheck-port`]: String(PUBLIC_PORTS.http),
          [`${DO_LB}-healthcheck-path`]: TARGET_HEALTH.path,
          [`${DO_LB}-healthcheck-protocol`]: 'http',
          [`${DO_LB}-healthcheck-check-interval-seconds`]: String(TARGET_HEALTH.intervalSeconds),
          [`${DO_LB}-healthcheck-response-timeout-seconds`]: String(TARGET_HEALTH.timeoutSeconds),
          [`${DO_LB}-healthcheck-healthy-threshold`]: String(TARGET_HEALTH.healthyThreshold),
          [`${DO_LB}-healthcheck-unhealthy-threshold`]: String(TARGET_HEALTH.unhealthyThreshold),
        },
      },
      spec: {
        type: 'LoadBalancer',
        // Local: the load balancer reaches a pod only on its own node, so the source stays the load balancer's
        // VPC address (Cluster would forward it from another node as Cilium's remote-node, which no ipBlock matches),
        // and a node without a ready pod fails the /health/ready check on the NodePort and leaves the rotation.
        externalTrafficPolicy: 'Local',
        selector: { ...SERVER_SELECTOR },
        port: [
          { name: 'https', port: PUBLIC_PORTS.https, targetPort: String(PORTS.http), nodePort: DOKS.nodePorts.https },
          { name: 'http', port: PUBLIC_PORTS.http, targetPort: String(PORTS.http), nodePort: DOKS.nodePorts.http },
        ],
      },
    });
    new NetworkPolicyV1(stack, 'load-balancer-policy', {
      metadata: { name: 'mockforge-from-load-balancer', namespace },
      spec: {
        podSelector: { matchLabels: { ...SERVER_SELECTOR } },
        policyTypes: ['Ingress'],
        ingress: [{ ports: [{ port: String(PORTS.http), protocol: 'TCP' }], from: [{ ipBlock: { cidr: regional.network.cidr } }] }],
      },
    });
  }
  return stack;
}
