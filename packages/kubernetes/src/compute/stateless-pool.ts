import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import type { Construct } from 'constructs';
import { OBJECT_NAMES } from '../labels';
import { KUBERNETES_SIZING } from '../sizing';
import { applyOverrides, REPLICAS_MANAGED_BY_HPA, ServerPool, servicePorts, type ServerPoolProps } from './pool';

/**
 * The stateless pool: a Deployment serving HTTP and WebSocket traffic with /app/data on an
 * emptyDir, its ClusterIP Service (http, admin, metrics), HPA and PDB.
 */
export class StatelessPool extends ServerPool {
  readonly deployment: DeploymentV1;
  readonly service: ServiceV1;

  constructor(scope: Construct, id: string, props: ServerPoolProps) {
    super(scope, id, props, { name: OBJECT_NAMES.stateless, component: 'stateless', kind: 'Deployment', dataVolume: 'emptyDir' });
    const { selector, metadata, template, autoscaler } = this.scaffold;
    this.deployment = new DeploymentV1(this, 'deployment', {
      metadata,
      lifecycle: REPLICAS_MANAGED_BY_HPA,
      spec: {
        replicas: String(autoscaler.minReplicas),
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0', maxSurge: KUBERNETES_SIZING.maxSurge } },
        template,
      },
    });
    applyOverrides(this.deployment, props.overrides);
    this.service = new ServiceV1(this, 'service', {
      metadata: props.serviceAnnotations ? { ...metadata, annotations: { ...props.serviceAnnotations } } : metadata,
      spec: { type: 'ClusterIP', selector, port: servicePorts(props.context) },
    });
  }
}
