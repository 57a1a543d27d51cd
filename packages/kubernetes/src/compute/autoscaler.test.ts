import type { MockforgeConfig, ProductionSize, ScalingPresetName, TierConfig, TierName } from '@mockforge-infra/core';
import { resourceNamed, synthTier } from '../testing/fixtures';

const HPA = 'kubernetes_horizontal_pod_autoscaler_v2';
const hpaOf = (json: Record<string, any>, name = 'mockforge') => resourceNamed(json, HPA, name);
const withTier =
  (tier: TierName, changes: Partial<TierConfig>) =>
  (c: MockforgeConfig): MockforgeConfig => ({ ...c, tiers: { ...c.tiers, [tier]: { ...c.tiers[tier]!, ...changes } } });

/** The hosting guide's rate policies, the same under every preset. */
const SCALE_UP_POLICIES = [
  { type: 'Percent', value: 100, period_seconds: 15 },
  { type: 'Pods', value: 4, period_seconds: 15 },
];
const SCALE_DOWN_POLICIES = [{ type: 'Percent', value: 50, period_seconds: 60 }];

/** Per preset: CPU target and the scale-up / scale-down stabilisation windows (balanced is the guide's HPA verbatim). */
const PRESETS: Readonly<Record<ScalingPresetName, { cpu: number; up: number; down: number }>> = {
  conservative: { cpu: 60, up: 300, down: 120 },
  balanced: { cpu: 70, up: 0, down: 300 },
  aggressive: { cpu: 80, up: 30, down: 600 },
};

/** Replica ranges per tier (production: per size). */
const RANGES: Readonly<Record<string, [number, number]>> = {
  dev: [1, 2],
  staging: [2, 4],
  'production small': [3, 20],
  'production medium': [5, 20],
  'production large': [10, 20],
};

function expectedSpec(kind: 'Deployment' | 'StatefulSet', name: string, preset: ScalingPresetName, range: [number, number]) {
  const p = PRESETS[preset];
  const utilization = (resource: string, percent: number) => ({
    type: 'Resource',
    resource: { name: resource, target: { type: 'Utilization', average_utilization: percent } },
  });
  return {
    min_replicas: range[0],
    max_replicas: range[1],
    scale_target_ref: { api_version: 'apps/v1', kind, name },
    metric: [utilization('cpu', p.cpu), utilization('memory', 80)],
    behavior: {
      scale_up: [{ stabilization_window_seconds: p.up, select_policy: 'Max', policy: SCALE_UP_POLICIES }],
      scale_down: [{ stabilization_window_seconds: p.down, policy: SCALE_DOWN_POLICIES }],
    },
  };
}

const TIERS = ['dev', 'staging', 'production'] as const;
const PRESET_NAMES = ['conservative', 'balanced', 'aggressive'] as const;
const defaultRange = (tier: TierName) => RANGES[tier === 'production' ? 'production medium' : tier]!;

describe('HorizontalPodAutoscaler v2', () => {
  test.each(TIERS.flatMap((tier) => PRESET_NAMES.map((preset) => [tier, preset] as const)))(
    'the %s tier with the %s preset scales both pools on that preset',
    (tier, scalingPreset) => {
      const { json } = synthTier(tier, withTier(tier, { topology: 'hybrid', scalingPreset }));
      expect(hpaOf(json).spec).toEqual(expectedSpec('Deployment', 'mockforge', scalingPreset, defaultRange(tier)));
      expect(hpaOf(json, 'mockforge-stateful').spec).toEqual(
        expectedSpec('StatefulSet', 'mockforge-stateful', scalingPreset, defaultRange(tier)),
      );
    },
  );

  test.each([
    ['dev', 'conservative'],
    ['staging', 'balanced'],
    ['production', 'balanced'],
  ] as const)('the %s tier uses the %s preset when none is configured', (tier, preset) => {
    expect(hpaOf(synthTier(tier).json).spec).toEqual(expectedSpec('Deployment', 'mockforge', preset, defaultRange(tier)));
  });

  test.each(['small', 'large'] as const satisfies readonly ProductionSize[])('production size %s sets the replica range', (size) => {
    const { json } = synthTier('production', withTier('production', { size }));
    expect(hpaOf(json).spec).toEqual(expectedSpec('Deployment', 'mockforge', 'balanced', RANGES[`production ${size}`]!));
  });

  test('lives in the tier’s namespace beside the Deployment it scales', () => {
    const { json } = synthTier('production');
    const deployment = resourceNamed(json, 'kubernetes_deployment_v1', 'mockforge');
    const [namespaceId] = Object.keys(json.resource.kubernetes_namespace_v1);
    expect(hpaOf(json).metadata).toMatchObject({
      name: 'mockforge',
      namespace: `\${kubernetes_namespace_v1.${namespaceId}.metadata[0].name}`,
    });
    expect(json.resource.kubernetes_namespace_v1[namespaceId!].metadata.name).toBe('mockforge-production');
    expect(deployment.metadata.namespace).toBe(hpaOf(json).metadata.namespace);
    expect(deployment.spec.replicas).toBe('5');
  });

  test('adds WebSocket and request-rate metrics only with a metrics adapter', () => {
    const json = synthTier('production', (c) => ({ ...c, features: { metricsAdapter: true } })).json;
    expect(hpaOf(json).spec.metric.filter((m: any) => m.type === 'Pods')).toEqual([
      {
        type: 'Pods',
        pods: { metric: { name: 'mockforge_ws_connections_active' }, target: { type: 'AverageValue', average_value: '1000' } },
      },
      // 1000 requests per minute per instance, as requests per second in milli-units.
      {
        type: 'Pods',
        pods: { metric: { name: 'mockforge_requests_per_second' }, target: { type: 'AverageValue', average_value: '16667m' } },
      },
    ]);
  });
});
