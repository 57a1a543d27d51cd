import { hpaBehaviorFor, REQUEST_SCALING, scalingRange, type HpaPolicy, type TargetContext } from '@mockforge-infra/core';
import {
  HorizontalPodAutoscalerV2,
  type HorizontalPodAutoscalerV2SpecMetric,
} from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { Construct } from 'constructs';
import { KUBERNETES_SIZING } from '../sizing';

export interface PodAutoscalerProps {
  readonly context: TargetContext;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly target: { readonly kind: 'Deployment' | 'StatefulSet'; readonly name: string };
}

/** Custom metric names a Prometheus adapter exposes (see README: metrics adapter rules). */
export const CUSTOM_METRICS = {
  websocketConnections: 'mockforge_ws_connections_active',
  requestsPerSecond: 'mockforge_requests_per_second',
} as const;

const policies = (list: readonly HpaPolicy[]) => list.map((p) => ({ type: p.type, value: p.value, periodSeconds: p.periodSeconds }));

function resourceMetric(name: 'cpu' | 'memory', percent: number): HorizontalPodAutoscalerV2SpecMetric {
  return { type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: percent } } };
}

function podsMetric(name: string, averageValue: string): HorizontalPodAutoscalerV2SpecMetric {
  return { type: 'Pods', pods: { metric: { name }, target: { type: 'AverageValue', averageValue } } };
}

/**
 * HPA v2 with the guide's CPU and memory targets and its `behavior` block, moved to the tier's
 * scaling preset; custom metrics join when config declares a metrics adapter.
 */
export class PodAutoscaler extends Construct {
  readonly resource: HorizontalPodAutoscalerV2;
  readonly minReplicas: number;
  readonly maxReplicas: number;

  constructor(scope: Construct, id: string, props: PodAutoscalerProps) {
    super(scope, id);
    const { profile, config } = props.context;
    const range = scalingRange(profile, 'kubernetes');
    this.minReplicas = range.min;
    this.maxReplicas = range.max;
    const behavior = hpaBehaviorFor(profile.scalingPreset);
    // Requests per second per pod: the guide's per-minute scale-up rate, in milli-units.
    const rpsMilli = Math.round((REQUEST_SCALING.scaleUpPerMinute / 60) * 1000);
    const metrics: HorizontalPodAutoscalerV2SpecMetric[] = [
      // Balanced is the guide's HPA (CPU 70 %, memory 80 %); the other presets move the CPU target.
      resourceMetric('cpu', profile.scaling.cpuTargetPercent),
      resourceMetric('memory', profile.scaling.memoryTargetPercent),
      ...(config.features?.metricsAdapter
        ? [
            podsMetric(CUSTOM_METRICS.websocketConnections, String(KUBERNETES_SIZING.websocketConnectionsPerPod)),
            podsMetric(CUSTOM_METRICS.requestsPerSecond, `${rpsMilli}m`),
          ]
        : []),
    ];
    this.resource = new HorizontalPodAutoscalerV2(this, 'hpa', {
      metadata: { name: props.target.name, namespace: props.namespace, labels: { ...props.labels } },
      spec: {
        minReplicas: range.min,
        maxReplicas: range.max,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: props.target.kind, name: props.target.name },
        metric: metrics,
        behavior: {
          scaleUp: [
            {
              stabilizationWindowSeconds: behavior.scaleUp.stabilizationWindowSeconds,
              selectPolicy: behavior.scaleUp.selectPolicy,
              policy: policies(behavior.scaleUp.policies),
            },
          ],
          scaleDown: [
            { stabilizationWindowSeconds: behavior.scaleDown.stabilizationWindowSeconds, policy: policies(behavior.scaleDown.policies) },
          ],
        },
      },
    });
  }
}
