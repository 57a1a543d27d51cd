import { CLUSTER_NAME_PATTERN } from '../regions';
import { bool, list, map, obj, oneOf, str } from '../schema';
import { CIDR_SCHEMA, DNS_LABEL } from '../shared-schemas';

export const INGRESS_CLASSES = ['nginx', 'alb', 'gce', 'azure-application-gateway'] as const;
export type IngressClass = (typeof INGRESS_CLASSES)[number];

export interface KubernetesCluster {
  /** @default ~/.kube/config */
  readonly kubeconfigPath?: string;
  /** @default the cluster name */
  readonly context?: string;
}

/** `kubernetes:` settings, for the standalone target and the workload on managed clusters. */
export interface KubernetesSettings {
  /** Connection per cluster named in `tiers.<tier>.regions.kubernetes`. */
  readonly clusters?: Readonly<Record<string, KubernetesCluster>>;
  /** @default nginx */
  readonly ingressClass?: IngressClass;
  /** Namespace of the ingress controller allowed to reach port 3000. @default ingress-nginx */
  readonly ingressNamespace?: string;
  /** Namespace of Prometheus allowed to scrape port 9090. @default monitoring */
  readonly monitoringNamespace?: string;
  /** An existing Secret holding DATABASE_URL, REDIS_URL and admin credentials. */
  readonly existingSecretName?: string;
  /** CIDRs of the external PostgreSQL and Redis, for egress policy. @default [10.0.0.0/8] */
  readonly databaseCidrs?: readonly string[];
  readonly redisCidrs?: readonly string[];
  /** Run Redis inside the cluster when no managed cache exists. @default false */
  readonly inClusterRedis?: boolean;
  /**
   * The Prometheus Operator CRDs are installed: emit a ServiceMonitor and a PrometheusRule, on the
   * standalone target and on EKS and GKE alike. Off by default, because `kubernetes_manifest` needs
   * the CRDs at plan time and managed clusters ship without them. @default false
   */
  readonly prometheusOperator?: boolean;
}

export const KUBERNETES_SETTINGS_SCHEMA = obj({
  clusters: map(
    str({ pattern: CLUSTER_NAME_PATTERN, describe: 'a cluster name (lowercase DNS label)' }),
    obj({ kubeconfigPath: str(), context: str() }),
  ),
  ingressClass: oneOf(INGRESS_CLASSES),
  ingressNamespace: DNS_LABEL,
  monitoringNamespace: DNS_LABEL,
  existingSecretName: DNS_LABEL,
  databaseCidrs: list(CIDR_SCHEMA, { unique: true }),
  redisCidrs: list(CIDR_SCHEMA, { unique: true }),
  inClusterRedis: bool(),
  prometheusOperator: bool(),
});
