import { hpaBehaviorFor, KUBERNETES_HPA, REQUEST_SCALING, SCALING_PRESETS, type MockforgeConfig } from '@mockforge-infra/core';
import { resourceNamed, synthTier } from '../testing/fixtures';
import { CUSTOM_METRICS } from './autoscaler';

const HPA = 'kubernetes_horizontal_pod_autoscaler_v2';
const hpaOf = (json: Record<string, any>) => resourceNamed(json, HPA, 'mockforge');
const preset =
  (tier: 'dev' | 'staging' | 'production', scalingPreset: 'conservative' | 'balanced' | 'aggressive') =>
  (c: MockforgeConfig): MockforgeConfig => ({
    ...c,
    tiers: { ...c.tiers, [tier]: { ...c.tiers[tier]!, scalingPreset } },
  });

describe('HorizontalPodAutoscaler v2', () => {
  const production = hpaOf(synthTier('production').json);

  test('targets the Deployment with the tier’s range; production tops out at 20', () => {
    expect(production.spec.scale_target_ref).toEqual({ api_version: 'apps/v1', kind: 'Deployment', name: 'mockforge' });
    expect(production.spec.max_replicas).toBe(KUBERNETES_HPA.maxReplicas);
    expect(production.spec.max_replicas).toBe(20);
    expect(production.spec.min_replicas).toBe(5);
    const staging = hpaOf(synthTier('staging').json);
    expect([staging.spec.min_replicas, staging.spec.max_replicas]).toEqual([2, 4]);
  });

  test('scales on CPU 70 % and memory 80 % (balanced, the guide’s HPA)', () => {
    expect(production.spec.metric).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', average_utilization: KUBERNETES_HPA.cpuTargetPercent } },
      },
      {
        type: 'Resource',
        resource: { name: 'memory', target: { type: 'Utilization', average_utilization: KUBERNETES_HPA.memoryTargetPercent } },
      },
    ]);
    expect(production.spec.metric.map((m: any) => m.resource.target.average_utilization)).toEqual([70, 80]);
  });

  test('carries the seed’s full behavior block', () => {
    const seed = KUBERNETES_HPA.behavior;
    expect(production.spec.behavior).toEqual({
      scale_up: [
        {
          stabilization_window_seconds: seed.scaleUp.stabilizationWindowSeconds,
          select_policy: seed.scaleUp.selectPolicy,
          policy: seed.scaleUp.policies.map((p) => ({ type: p.type, value: p.value, period_seconds: p.periodSeconds })),
        },
      ],
      scale_down: [
        {
          stabilization_window_seconds: seed.scaleDown.stabilizationWindowSeconds,
          policy: seed.scaleDown.policies.map((p) => ({ type: p.type, value: p.value, period_seconds: p.periodSeconds })),
        },
      ],
    });
    expect(production.spec.behavior).toEqual({
      scale_up: [
        {
          stabilization_window_seconds: 0,
          select_policy: 'Max',
          policy: [
            { type: 'Percent', value: 100, period_seconds: 15 },
            { type: 'Pods', value: 4, period_seconds: 15 },
          ],
        },
      ],
      scale_down: [{ stabilization_window_seconds: 300, policy: [{ type: 'Percent', value: 50, period_seconds: 60 }] }],
    });
  });

  test.each([['conservative'], ['balanced'], ['aggressive']] as const)('the %s preset is selectable per tier', (name) => {
    const hpa = hpaOf(synthTier('staging', preset('staging', name)).json);
    const behavior = hpaBehaviorFor(name);
    expect(hpa.spec.metric[0].resource.target.average_utilization).toBe(SCALING_PRESETS[name].cpuTargetPercent);
    expect(hpa.spec.behavior.scale_up[0].stabilization_window_seconds).toBe(behavior.scaleUp.stabilizationWindowSeconds);
    expect(hpa.spec.behavior.scale_down[0].stabilization_window_seconds).toBe(behavior.scaleDown.stabilizationWindowSeconds);
  });

  test('aggressive waits 30 s to scale up and 10 min to scale down, at 80 % CPU', () => {
    const hpa = hpaOf(synthTier('staging', preset('staging', 'aggressive')).json);
    expect(hpa.spec.behavior.scale_up[0].stabilization_window_seconds).toBe(30);
    expect(hpa.spec.behavior.scale_down[0].stabilization_window_seconds).toBe(600);
    expect(hpa.spec.metric[0].resource.target.average_utilization).toBe(80);
  });

  test('adds WebSocket and request-rate metrics only with a metrics adapter', () => {
    expect(production.spec.metric).toHaveLength(2);
    const json = synthTier('production', (c) => ({ ...c, features: { metricsAdapter: true } })).json;
    const pods = hpaOf(json).spec.metric.filter((m: any) => m.type === 'Pods');
    expect(pods.map((m: any) => m.pods.metric.name)).toEqual([CUSTOM_METRICS.websocketConnections, CUSTOM_METRICS.requestsPerSecond]);
    const rps = pods[1].pods.target;
    expect(rps.type).toBe('AverageValue');
    expect(rps.average_value).toBe(`${Math.round((REQUEST_SCALING.scaleUpPerMinute / 60) * 1000)}m`);
    expect(rps.average_value).toBe('16667m');
  });
});
