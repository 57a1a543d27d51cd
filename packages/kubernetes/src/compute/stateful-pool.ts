import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import type { Construct } from 'constructs';
import { OBJECT_NAMES } from '../labels';
import { KUBERNETES_SIZING } from '../sizing';
import { VOLUME_NAMES } from './pod-template';
import { applyOverrides, REPLICAS_MANAGED_BY_HPA, ServerPool, servicePorts, type ServerPoolProps } from './pool';

export interface StatefulPoolProps extends ServerPoolProps {
  /** @default the cluster's default storage class */
  readonly storageClassName?: string;
}

/**
 * The hybrid pattern's stateful pool: a StatefulSet whose replicas each get their own claim for
 * /app/data from `volumeClaimTemplates` (never one ReadWriteOnce volume shared by all), with its
 * own headless Service, HPA and PDB. Claims are kept when the set shrinks or is deleted.
 */
export class StatefulPool extends ServerPool {
  readonly statefulSet: StatefulSetV1;
  readonly headlessService: ServiceV1;

  constructor(scope: Construct, id: string, props: StatefulPoolProps) {
    super(scope, id, props, { name: OBJECT_NAMES.stateful, component: 'stateful', kind: 'StatefulSet', dataVolume: 'claim' });
    const { selector, metadata, template, autoscaler } = this.scaffold;
    this.headlessService = new ServiceV1(this, 'headless-service', {
      metadata,
      spec: { type: 'ClusterIP', clusterIp: 'None', publishNotReadyAddresses: false, selector, port: servicePorts(props.context) },
    });
    this.statefulSet = new StatefulSetV1(this, 'statefulset', {
      metadata,
      lifecycle: REPLICAS_MANAGED_BY_HPA,
      // A rollout that times out (pods waiting for their Secret on a first apply) would taint the
      // StatefulSet, and its prevent_destroy would then refuse the replacing plan. The PDB and the
      // readiness probe guard the rollout instead.
      waitForRollout: false,
      spec: {
        replicas: String(autoscaler.minReplicas),
        serviceName: this.name,
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: selector },
        updateStrategy: [{ type: 'RollingUpdate' }],
        persistentVolumeClaimRetentionPolicy: [{ whenDeleted: 'Retain', whenScaled: 'Retain' }],
        template,
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
  }
}
