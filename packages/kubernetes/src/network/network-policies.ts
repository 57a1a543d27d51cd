import {
  ANYWHERE_IPV4,
  DATABASE_PORT,
  DNS_PORT,
  INTERNAL_CIDR,
  NETWORK_POLICY,
  OTLP_PORTS,
  PORTS,
  REDIS_PORT,
  type ServicePort,
} from '@mockforge-infra/core';
import {
  NetworkPolicyV1,
  type NetworkPolicyV1SpecEgress,
  type NetworkPolicyV1SpecIngress,
} from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { namespaceSelector, SERVER_SELECTOR, selectorLabels } from '../labels';

export interface WorkloadNetworkPoliciesProps {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly servicePorts: readonly ServicePort[];
  /** Namespace of the in-cluster ingress controller; none where a cloud load balancer reaches the pods itself. */
  readonly ingressNamespace?: string;
  /** Namespace of Prometheus. */
  readonly monitoringNamespace: string;
  /** Scrapers outside the cluster allowed on the metrics port. @default none */
  readonly metricsScraperCidrs?: readonly string[];
  /** Cloud load balancers that reach pod IPs directly; empty for an in-cluster controller. */
  readonly loadBalancerCidrs: readonly string[];
  readonly databaseCidrs: readonly string[];
  readonly redisCidrs: readonly string[];
  /** Ports of the external Redis; a token from the cache's output works. */
  readonly redisPorts: readonly number[];
  /** @default [DATABASE_PORT] */
  readonly databasePorts?: readonly number[];
  /** Allow egress to the in-cluster Redis pods. */
  readonly inClusterRedis: boolean;
  /** cert-manager answers HTTP-01 challenges from solver pods in this namespace. */
  readonly acmeSolver: boolean;
}

/** cert-manager's HTTP-01 solver pods: their label and port. */
export const ACME_SOLVER = { label: 'acme.cert-manager.io/http01-solver', port: 8089 } as const;

// A port may be a token (a cache's output), which String() would not resolve.
const tcp = (port: number) => ({ port: Token.isUnresolved(port) ? Token.asString(port) : String(port), protocol: 'TCP' });
const cidrPeers = (cidrs: readonly string[]) => cidrs.map((cidr) => ({ ipBlock: { cidr } }));

/** Kept for callers that imported it from here; the value is core's. */
export { DNS_PORT } from '@mockforge-infra/core';

/** The guide's egress ports other than DNS (HTTPS, HTTP), which go to anywhere. */
export function publicEgressPorts(): number[] {
  return NETWORK_POLICY.egress.ports.filter((p) => p !== DNS_PORT);
}

/** Where public traffic arrives from: the ingress controller's namespace (if any) and cloud load balancers. */
function trafficSources(props: WorkloadNetworkPoliciesProps) {
  const controller = props.ingressNamespace === undefined ? [] : [{ namespaceSelector: namespaceSelector(props.ingressNamespace) }];
  return [...controller, ...cidrPeers(props.loadBalancerCidrs)];
}

export function serverIngressRules(props: WorkloadNetworkPoliciesProps): NetworkPolicyV1SpecIngress[] {
  const trafficPorts = props.servicePorts.filter((p) => p.public).map((p) => tcp(p.port));
  return [
    { ports: trafficPorts, from: trafficSources(props) },
    // Admin API: internal network only (seed).
    { ports: [tcp(PORTS.admin)], from: cidrPeers(NETWORK_POLICY.internalIngress.cidrs) },
    {
      ports: [tcp(PORTS.metrics)],
      from: [{ namespaceSelector: namespaceSelector(props.monitoringNamespace) }, ...cidrPeers(props.metricsScraperCidrs ?? [])],
    },
  ];
}

export function serverEgressRules(props: WorkloadNetworkPoliciesProps): NetworkPolicyV1SpecEgress[] {
  return [
    // The cluster's resolver may be kube-dns pods, a node-local cache or the cloud's resolver.
    { ports: [{ port: String(DNS_PORT), protocol: 'UDP' }, tcp(DNS_PORT)] },
    { ports: publicEgressPorts().map(tcp), to: [{ ipBlock: { cidr: ANYWHERE_IPV4 } }] },
    { ports: (props.databasePorts ?? [DATABASE_PORT]).map(tcp), to: cidrPeers(props.databaseCidrs) },
    { ports: props.redisPorts.map(tcp), to: cidrPeers(props.redisCidrs) },
    // The in-cluster Redis listens on the standard port.
    ...(props.inClusterRedis ? [{ ports: [tcp(REDIS_PORT)], to: [{ podSelector: { matchLabels: selectorLabels('redis') } }] }] : []),
    // Collectors run in the cluster or inside the private network.
    { ports: [tcp(OTLP_PORTS.grpc), tcp(OTLP_PORTS.http)], to: [{ namespaceSelector: {} }, { ipBlock: { cidr: INTERNAL_CIDR } }] },
  ];
}

/**
 * Default-deny for ingress and egress in the namespace, then the server pods' allow-list:
 * traffic ports from the ingress controller, admin from 10.0.0.0/8, metrics from monitoring;
 * out to DNS, HTTPS/HTTP, PostgreSQL, Redis and OTLP. With cert-manager, its HTTP-01 solver pods
 * are reachable on their port from the same sources as public traffic.
 */
export class WorkloadNetworkPolicies extends Construct {
  readonly defaultDeny: NetworkPolicyV1;
  readonly server: NetworkPolicyV1;
  readonly acmeSolver?: NetworkPolicyV1;

  constructor(scope: Construct, id: string, props: WorkloadNetworkPoliciesProps) {
    super(scope, id);
    this.defaultDeny = new NetworkPolicyV1(this, 'default-deny', {
      metadata: { name: 'default-deny', namespace: props.namespace, labels: { ...props.labels } },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    this.server = new NetworkPolicyV1(this, 'server', {
      metadata: { name: 'mockforge-server', namespace: props.namespace, labels: { ...props.labels } },
      spec: {
        podSelector: { matchLabels: { ...SERVER_SELECTOR } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: serverIngressRules(props),
        egress: serverEgressRules(props),
      },
    });
    if (props.acmeSolver) {
      this.acmeSolver = new NetworkPolicyV1(this, 'acme-solver', {
        metadata: { name: 'acme-http01-solver', namespace: props.namespace, labels: { ...props.labels } },
        spec: {
          podSelector: { matchLabels: { [ACME_SOLVER.label]: 'true' } },
          policyTypes: ['Ingress'],
          ingress: [{ ports: [tcp(ACME_SOLVER.port)], from: trafficSources(props) }],
        },
      });
    }
  }
}
