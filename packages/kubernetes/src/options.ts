import type { CommonProps, IngressClass, TargetContext } from '@mockforge-infra/core';

/** How the workload fits the cluster it runs on; the cloud packages fill these from their outputs. */
export interface WorkloadOptions {
  /** Ingress controller class; `nginx` gets the hosting guide's annotations. */
  readonly ingressClass: IngressClass;
  /** Namespace the stack creates and puts every object in. @default mockforge */
  readonly namespace?: string;
  /** Name of a Secret holding DATABASE_URL, REDIS_URL, MOCKFORGE_ADMIN_JWT_SECRET, MOCKFORGE_ADMIN_USERNAME, MOCKFORGE_ADMIN_PASSWORD; created by the caller. */
  readonly secretName: string;
  /** Where the external PostgreSQL lives, for the egress policy. @default [INTERNAL_CIDR] (10.0.0.0/8) */
  readonly databaseCidrs?: readonly string[];
  /** Where the external Redis lives, for the egress policy. @default [INTERNAL_CIDR] (10.0.0.0/8) */
  readonly redisCidrs?: readonly string[];
  /**
   * Ports of the external Redis, for the egress policy: the cache's own output where one exists
   * (Memorystore with in-transit encryption listens on 6378). @default [REDIS_PORT] (6379)
   */
  readonly redisPorts?: readonly number[];
  /** Ports of the external PostgreSQL, for the egress policy (DigitalOcean listens on 25060, its pools on 25061). @default [DATABASE_PORT] (5432) */
  readonly databasePorts?: readonly number[];
  /** Extra, cloud-specific ingress annotations (e.g. the ALB scheme); they win over the defaults. @default none */
  readonly ingressAnnotations?: Readonly<Record<string, string>>;
  /**
   * Emit the Ingress. Off where a load balancer outside the cluster sends traffic to the pods
   * itself (GKE standalone NEGs behind the global load balancer). @default true
   */
  readonly ingress?: boolean;
  /** Annotations on the stateless pool's Service; they win over the ingress class's. @default none */
  readonly serviceAnnotations?: Readonly<Record<string, string>>;
  /** Annotations on the workload's ServiceAccount (a cloud identity binding). @default none */
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
  /** Storage class of the hybrid pool's per-replica claims and the in-cluster Redis. @default the cluster default */
  readonly storageClassName?: string;
  /** Namespace of the ingress controller allowed to reach the HTTP port. @default ingress-nginx, none with `ingress: false` */
  readonly ingressNamespace?: string;
  /** Namespace of Prometheus allowed to scrape the metrics port. @default monitoring */
  readonly monitoringNamespace?: string;
  /** Addresses outside the cluster that scrape the metrics port (a managed scraper's interfaces). @default none */
  readonly metricsScraperCidrs?: readonly string[];
  /**
   * The Prometheus Operator CRDs exist: add a ServiceMonitor and a PrometheusRule. They are
   * `kubernetes_manifest` objects, which need their CRDs at plan time, so plans on a fresh cluster
   * (EKS, GKE, AKS and DOKS ship without the operator) fail when this is on. @default false
   */
  readonly prometheusOperator?: boolean;
  /**
   * Where the ingress certificate comes from. `cluster`: a TLS Secret in the namespace, issued by
   * cert-manager (HTTP-01) when `tls.mode` is managed and the class takes one. `cloud`: the cloud load
   * balancer holds it (named in `ingressAnnotations`), so no TLS Secret, cluster-issuer or HTTP-01
   * solver policy is emitted.
   * @default 'cluster'
   */
  readonly ingressTls?: IngressTlsSource;
}

export type IngressTlsSource = 'cluster' | 'cloud';

export interface MockforgeWorkloadProps extends WorkloadOptions, CommonProps {
  readonly context: TargetContext;
  /**
   * Run Redis in the cluster (a StatefulSet with AUTH, a claim, a PDB and a NetworkPolicy).
   * Its password is the `REDIS_PASSWORD` key of `secretName`.
   * @default false
   */
  readonly inClusterRedis?: boolean;
}

export const DEFAULT_INGRESS_NAMESPACE = 'ingress-nginx';
export const DEFAULT_MONITORING_NAMESPACE = 'monitoring';
