import {
  INTERNAL_CIDR,
  MockforgeStack,
  PolicyEngine,
  PUBLIC_EGRESS_REASON,
  REDIS_PORT,
  standardTags,
  parseImage,
  type ComputeService,
  type TierExemption,
} from '@mockforge-infra/core';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { InClusterRedis, SINGLE_REDIS_REASON } from './cache/in-cluster-redis';
import { WorkloadNamespace } from './compute/namespace';
import { ServerConfig } from './compute/server-config';
import { StatefulPool } from './compute/stateful-pool';
import { StatelessPool } from './compute/stateless-pool';
import { NAMESPACE, objectLabels, OBJECT_NAMES, type Component } from './labels';
import { usesCertManager } from './load-balancing/annotations';
import { BACKEND_SERVICE_ANNOTATIONS, WorkloadIngress } from './load-balancing/ingress';
import { PrometheusMonitoring } from './monitoring/prometheus-monitoring';
import { WorkloadNetworkPolicies } from './network/network-policies';
import { DEFAULT_INGRESS_NAMESPACE, DEFAULT_MONITORING_NAMESPACE, type MockforgeWorkloadProps } from './options';
import { SECRET_ENV_REASON } from './secrets/secret-env';
import { KUBERNETES_SIZING, LOAD_BALANCER_SOURCE_CIDRS } from './sizing';

/** Why CKV_K8S_43 is suppressed when the image is pinned by a release tag instead of a digest (registry tags are mutable). */
export function tagPinnedReason(image: string, pinnedBy: 'config' | 'sizing'): string {
  const where =
    pinnedBy === 'config'
      ? 'the config rejects latest and floating tags; set an @sha256 digest in `image` to pin by content'
      : 'set in src/sizing.ts; set an @sha256 digest there to pin by content';
  return `image ${image} is pinned to a release tag (${where})`;
}

/**
 * MockForge on one cluster: namespace, ServiceAccount, config, the stateless pool (and the
 * stateful pool in the hybrid topology), network policies, ingress, Prometheus monitoring and,
 * when asked, Redis. Needs a Kubernetes provider in scope.
 */
export class MockforgeWorkload extends Construct implements ComputeService {
  readonly namespace: WorkloadNamespace;
  readonly config: ServerConfig;
  readonly stateless: StatelessPool;
  readonly stateful?: StatefulPool;
  readonly networkPolicies: WorkloadNetworkPolicies;
  private readonly workloadIngress?: WorkloadIngress;
  readonly monitoring?: PrometheusMonitoring;
  readonly redis?: InClusterRedis;
  readonly serviceName: string;
  readonly backendId: string;
  /** The tier's hostname. */
  readonly host: string;
  /** Public HTTPS URL. */
  readonly endpoint: string;

  constructor(scope: Construct, id: string, props: MockforgeWorkloadProps) {
    super(scope, id);
    const { context } = props;
    const stack = TerraformStack.of(this);
    const region = stack instanceof MockforgeStack ? stack.region : context.topology.primaryRegion;
    const standard = { ...standardTags(context.tier, context.cloud, region) };
    const labels = (component: Component | 'shared') => objectLabels(standard, component, props.tags);

    const namespaceName = props.namespace ?? NAMESPACE;
    this.namespace = new WorkloadNamespace(this, 'namespace', {
      name: namespaceName,
      labels: labels('shared'),
      serviceAccountAnnotations: props.serviceAccountAnnotations,
    });
    const namespace = this.namespace.name;
    this.config = new ServerConfig(this, 'config', {
      service: context.service,
      name: OBJECT_NAMES.stateless,
      namespace,
      labels: labels('shared'),
    });
    const pool = {
      context,
      namespace,
      serviceAccountName: this.namespace.serviceAccountName,
      configMapName: this.config.name,
      secretName: props.secretName,
      overrides: props.overrides,
    };
    const withIngress = props.ingress ?? true;
    const serviceAnnotations = {
      // The class's backend settings serve its Ingress; without one they would only ask for unused NEGs.
      ...(withIngress ? BACKEND_SERVICE_ANNOTATIONS[props.ingressClass] : {}),
      ...props.serviceAnnotations,
    };
    this.stateless = new StatelessPool(this, 'stateless-pool', {
      ...pool,
      labels: labels('stateless'),
      serviceAnnotations: Object.keys(serviceAnnotations).length > 0 ? serviceAnnotations : undefined,
    });
    if (context.topology.hasStatefulPool) {
      this.stateful = new StatefulPool(this, 'stateful-pool', {
        ...pool,
        labels: labels('stateful'),
        storageClassName: props.storageClassName,
      });
    }
    if (props.inClusterRedis) {
      this.redis = new InClusterRedis(this, 'redis', {
        profile: context.profile,
        namespace,
        labels: labels('redis'),
        serviceAccountName: this.namespace.serviceAccountName,
        secretName: props.secretName,
        storageClassName: props.storageClassName,
      });
      PolicyEngine.suppress(this.redis, 'MF_K8S_2', SINGLE_REDIS_REASON);
      PolicyEngine.suppress(this.redis, 'MF_K8S_5', SINGLE_REDIS_REASON);
    }

    this.networkPolicies = new WorkloadNetworkPolicies(this, 'network-policies', {
      namespace,
      labels: labels('shared'),
      servicePorts: context.service.ports,
      // Without an Ingress no controller forwards to the pods (GKE's standalone NEGs): no controller namespace.
      ingressNamespace: props.ingressNamespace ?? (withIngress ? DEFAULT_INGRESS_NAMESPACE : undefined),
      monitoringNamespace: props.monitoringNamespace ?? DEFAULT_MONITORING_NAMESPACE,
      metricsScraperCidrs: props.metricsScraperCidrs ?? [],
      loadBalancerCidrs: LOAD_BALANCER_SOURCE_CIDRS[props.ingressClass],
      databaseCidrs: props.databaseCidrs ?? [INTERNAL_CIDR],
      redisCidrs: props.redisCidrs ?? [INTERNAL_CIDR],
      redisPorts: props.redisPorts ?? [REDIS_PORT],
      databasePorts: props.databasePorts,
      inClusterRedis: props.inClusterRedis ?? false,
      acmeSolver: withIngress && usesCertManager(props.ingressClass, context.config.tls?.mode, props.ingressTls),
    });
    PolicyEngine.suppress(this.networkPolicies.server, 'KUBE-0002', PUBLIC_EGRESS_REASON);

    if (withIngress) {
      this.workloadIngress = new WorkloadIngress(this, 'ingress', {
        context,
        ingressClass: props.ingressClass,
        name: OBJECT_NAMES.stateless,
        namespace,
        labels: labels('stateless'),
        backend: { serviceName: this.stateless.service.metadata.name, portName: 'http' },
        extraAnnotations: props.ingressAnnotations,
        tls: props.ingressTls,
      });
    }

    if (props.prometheusOperator ?? false) {
      this.monitoring = new PrometheusMonitoring(this, 'monitoring', {
        // A literal name: the Prometheus Operator manifests must be known when planning.
        namespace: namespaceName,
        name: OBJECT_NAMES.stateless,
        labels: labels('stateless'),
        dependsOn: [this.namespace.namespace],
      });
    }

    this.suppressInherent(context.service.image, context.profile.exemptions);
    this.serviceName = this.stateless.name;
    this.backendId = this.stateless.service.id;
    this.host = context.hostname;
    this.endpoint = `https://${this.host}`;
  }

  /** Whether the workload has an Ingress (`ingress: false` leaves it out). */
  get hasIngress(): boolean {
    return this.workloadIngress !== undefined;
  }

  /** The Ingress; a workload built with `ingress: false` has none, and asking for it is an error. */
  get ingress(): WorkloadIngress {
    if (!this.workloadIngress) throw new Error(`${this.node.path} has no Ingress (ingress: false)`);
    return this.workloadIngress;
  }

  /** Findings the workload carries by design, each with its reason; dev relaxations from core's exemptions. */
  private suppressInherent(image: string, exemptions: readonly TierExemption[]): void {
    const servers: Construct[] = [this.stateless, ...(this.stateful ? [this.stateful] : [])];
    for (const server of servers) PolicyEngine.suppress(server, 'CKV_K8S_35', SECRET_ENV_REASON);
    if (!parseImage(image)?.digest)
      for (const server of servers) PolicyEngine.suppress(server, 'CKV_K8S_43', tagPinnedReason(image, 'config'));
    if (this.redis) PolicyEngine.suppress(this.redis, 'CKV_K8S_43', tagPinnedReason(KUBERNETES_SIZING.redis.image, 'sizing'));
    const replicas = exemptions.find((e) => e.what === 'replicas');
    if (replicas) for (const server of servers) PolicyEngine.suppress(server, 'MF_K8S_2', replicas.reason);
  }
}
