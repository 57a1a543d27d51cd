import { NGINX_INGRESS, type TargetContext, type IngressClass } from '@mockforge-infra/core';
import { IngressV1 } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import { Construct } from 'constructs';
import type { IngressTlsSource } from '../options';
import { ingressAnnotations, usesCertManager } from './annotations';

export interface WorkloadIngressProps {
  readonly context: TargetContext;
  readonly ingressClass: IngressClass;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The Service and named port the ingress sends traffic to. */
  readonly backend: { readonly serviceName: string; readonly portName: string };
  /** Win over the defaults. @default none */
  readonly extraAnnotations?: Readonly<Record<string, string>>;
  /** `cloud`: the load balancer holds the certificate, so the ingress names no TLS Secret. @default 'cluster' */
  readonly tls?: IngressTlsSource;
}

/**
 * Classes whose controller builds one load balancer per Ingress. Their Ingress also gets a default
 * backend, so requests under any other Host reach MockForge instead of a 404: CloudFront sends its
 * origin's name (`origin.<host>`) as Host on cached paths, and a multi-cloud name can land on either
 * cloud. ingress-nginx and AGIC share one proxy between Ingresses, where a default backend would
 * capture other tenants' traffic, so they route by host only.
 */
export const OWN_LOAD_BALANCER_CLASSES: readonly IngressClass[] = ['alb', 'gce'];

/** GKE's NEG annotation on a Service. */
export const GKE_NEG_ANNOTATION = 'cloud.google.com/neg';

/**
 * Annotations the backend Service needs for a class. GKE's Ingress sends traffic to a ClusterIP
 * Service only through container-native load balancing, which it turns on by itself only on some
 * clusters: ask for the NEGs explicitly.
 */
export const BACKEND_SERVICE_ANNOTATIONS: Readonly<Partial<Record<IngressClass, Readonly<Record<string, string>>>>> = {
  gce: { [GKE_NEG_ANNOTATION]: '{"ingress": true}' },
};

/**
 * Standalone NEGs for a Service port: GKE's NEG controller creates a `GCE_VM_IP_PORT` NEG with this
 * name in every zone of the cluster and keeps the ready pods' IP:port in it, for a load balancer
 * built outside the cluster. The name must be unique in the project per zone.
 */
export function standaloneNegAnnotation(port: number, name: string): Record<string, string> {
  return { [GKE_NEG_ANNOTATION]: JSON.stringify({ exposed_ports: { [String(port)]: { name } } }) };
}

/**
 * GKE's Ingress controller reads its class only from this annotation and ignores
 * `spec.ingressClassName`; the API server rejects an Ingress that sets both.
 */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const ANNOTATION_ONLY_CLASSES: readonly IngressClass[] = ['gce'];

/** networking.k8s.io/v1 Ingress for the tier's hostname, with TLS from a Secret or the cloud load balancer. */
export class WorkloadIngress extends Construct {
  readonly ingress: IngressV1;
  readonly host: string;

  constructor(scope: Construct, id: string, props: WorkloadIngressProps) {
    super(scope, id);
    const { config, loadBalancing, hostname } = props.context;
    const source = props.tls ?? 'cluster';
    this.host = hostname;
    const managedCertificate = usesCertManager(props.ingressClass, config.tls?.mode, source);
    const byAnnotation = ANNOTATION_ONLY_CLASSES.includes(props.ingressClass);
    const backend = { service: { name: props.backend.serviceName, port: { name: props.backend.portName } } };
    const ownLoadBalancer = OWN_LOAD_BALANCER_CLASSES.includes(props.ingressClass);
    this.ingress = new IngressV1(this, 'ingress', {
      // The apply returns once the controller has built the load balancer, so stacks that look it up
      // (the AWS global stack's origins) find it.
      waitForLoadBalancer: ownLoadBalancer,
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: { ...props.labels },
        annotations: {
          ...ingressAnnotations({ ingressClass: props.ingressClass, algorithm: loadBalancing, managedCertificate }),
          ...props.extraAnnotations,
          ...(byAnnotation ? { [INGRESS_CLASS_ANNOTATION]: props.ingressClass } : {}),
        },
      },
      spec: {
        ...(byAnnotation ? {} : { ingressClassName: props.ingressClass }),
        ...(ownLoadBalancer ? { defaultBackend: backend } : {}),
        ...(source === 'cluster'
          ? { tls: [{ hosts: [this.host], secretName: config.tls?.kubernetesSecretName ?? NGINX_INGRESS.tlsSecretName }] }
          : {}),
        rule: [
          {
            host: this.host,
            http: {
              path: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend,
                },
              ],
            },
          },
        ],
      },
    });
  }
}
