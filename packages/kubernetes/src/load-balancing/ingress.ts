import { NGINX_INGRESS, type TargetContext, type IngressClass } from '@mockforge-infra/core';
import { IngressV1 } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import { Construct } from 'constructs';
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
}

/** networking.k8s.io/v1 Ingress with TLS for the configured domain. */
export class WorkloadIngress extends Construct {
  readonly ingress: IngressV1;
  readonly host: string;

  constructor(scope: Construct, id: string, props: WorkloadIngressProps) {
    super(scope, id);
    const { config, loadBalancing } = props.context;
    this.host = config.domain;
    const managedCertificate = usesCertManager(props.ingressClass, config.tls?.mode);
    this.ingress = new IngressV1(this, 'ingress', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: { ...props.labels },
        annotations: { ...ingressAnnotations({ ingressClass: props.ingressClass, algorithm: loadBalancing, managedCertificate }), ...props.extraAnnotations },
      },
      spec: {
        ingressClassName: props.ingressClass,
        tls: [{ hosts: [this.host], secretName: config.tls?.kubernetesSecretName ?? NGINX_INGRESS.tlsSecretName }],
        rule: [
          {
            host: this.host,
            http: {
              path: [{ path: '/', pathType: 'Prefix', backend: { service: { name: props.backend.serviceName, port: { name: props.backend.portName } } } }],
            },
          },
        ],
      },
    });
  }
}
