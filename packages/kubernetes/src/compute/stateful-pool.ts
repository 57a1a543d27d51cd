import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import { Construct } from 'constructs';
import { OBJECT_NAMES, selectorLabels } from '../labels';
import { KUBERNETES_SIZING } from '../sizing';
import { PodAutoscaler } from './autoscaler';
import { DisruptionBudget } from './disruption-budget';
import { serverPodTemplate, VOLUME_NAMES } from './pod-template';
import { applyOverrides, REPLICAS_MANAGED_BY_HPA, servicePorts, type ServerPoolProps } from './pool';

export interface StatefulPoolProps extends ServerPoolProps {
  /** @default the cluster's default storage class */
  readonly storageClassName?: string;
}

/**
 * The hybrid pattern's stateful pool: a StatefulSet whose replicas each get their own claim for
 * /app/data from `volumeClaimTemplates` (never one ReadWriteOnce volume shared by all), with its
 * own headless Service, HPA and PDB. Claims are kept when the set shrinks or is deleted.
 */
export class StatefulPool extends Construct {
  readonly statefulSet: StatefulSetV1;
  readonly headlessService: ServiceV1;
  readonly autoscaler: PodAutoscaler;
  readonly disruptionBudget: DisruptionBudget;
  readonly name = OBJECT_NAMES.stateful;

  constructor(scope: Construct, id: string, props: StatefulPoolProps) {
    super(scope, id);
    const selector = selectorLabels('stateful');
    const metadata = { name: this.name, namespace: props.namespace, labels: { ...props.labels } };
    this.headlessService = new ServiceV1(this, 'headless-service', {
      metadata,
      spec: { type: 'ClusterIP', clusterIp: 'None', publishNotReadyAddresses: false, selector, port: servicePorts(props.context) },
    });
    this.autoscaler = new PodAutoscaler(this, 'autoscaler', {
      context: props.context,
      namespace: props.namespace,
      labels: props.labels,
      target: { kind: 'StatefulSet', name: this.name },
    });
    this.statefulSet = new StatefulSetV1(this, 'statefulset', {
      metadata,
      lifecycle: REPLICAS_MANAGED_BY_HPA,
      spec: {
        replicas: String(this.autoscaler.minReplicas),
        serviceName: this.name,
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: selector },
        updateStrategy: [{ type: 'RollingUpdate' }],
        persistentVolumeClaimRetentionPolicy: [{ whenDeleted: 'Retain', whenScaled: 'Retain' }],
        template: serverPodTemplate({ ...props, selector, dataVolume: 'claim' }),
        volumeClaimTemplate: [
          {
            // Claim templates are immutable: only the stable selector labels go here.
            metadata: { name: VOLUME_NAMES.data, labels: selector },
            spec: {
              accessModes: ['ReadWriteOnce'],
              ...(props.storageClassName ? { storageClassName: props.storageClassName } : {}),
              resources: { requests: { storage: KUBERNETES_SIZING.dataVolume[props.context.tier] } },
            },
          },
        ],
      },
    });
    applyOverrides(this.statefulSet, props.overrides);
    this.disruptionBudget = new DisruptionBudget(this, 'disruption-budget', {
      profile: props.context.profile,
      name: this.name,
      namespace: props.namespace,
      labels: props.labels,
      selector,
    });
  }
}
