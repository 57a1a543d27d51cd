import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Construct } from 'constructs';
import { OBJECT_NAMES, selectorLabels } from '../labels';
import { KUBERNETES_SIZING } from '../sizing';
import { PodAutoscaler } from './autoscaler';
import { DisruptionBudget } from './disruption-budget';
import { serverPodTemplate } from './pod-template';
import { applyOverrides, REPLICAS_MANAGED_BY_HPA, servicePorts, type ServerPoolProps } from './pool';

/**
 * The stateless pool: a Deployment serving HTTP and WebSocket traffic with /app/data on an
 * emptyDir, its ClusterIP Service (http, admin, metrics), HPA and PDB.
 */
export class StatelessPool extends Construct {
  readonly deployment: DeploymentV1;
  readonly service: ServiceV1;
  readonly autoscaler: PodAutoscaler;
  readonly disruptionBudget: DisruptionBudget;
  readonly name = OBJECT_NAMES.stateless;

  constructor(scope: Construct, id: string, props: ServerPoolProps) {
    super(scope, id);
    const selector = selectorLabels('stateless');
    const metadata = { name: this.name, namespace: props.namespace, labels: { ...props.labels } };
    this.autoscaler = new PodAutoscaler(this, 'autoscaler', {
      context: props.context,
      namespace: props.namespace,
      labels: props.labels,
      target: { kind: 'Deployment', name: this.name },
    });
    this.deployment = new DeploymentV1(this, 'deployment', {
      metadata,
      lifecycle: REPLICAS_MANAGED_BY_HPA,
      spec: {
        replicas: String(this.autoscaler.minReplicas),
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0', maxSurge: KUBERNETES_SIZING.maxSurge } },
        template: serverPodTemplate({ ...props, labels: props.labels, selector, dataVolume: 'emptyDir' }),
      },
    });
    applyOverrides(this.deployment, props.overrides);
    this.service = new ServiceV1(this, 'service', {
      metadata,
      spec: { type: 'ClusterIP', selector, port: servicePorts(props.context) },
    });
    this.disruptionBudget = new DisruptionBudget(this, 'disruption-budget', {
      profile: props.context.profile,
      name: this.name,
      namespace: props.namespace,
      labels: props.labels,
      selector,
    });
  }
}
