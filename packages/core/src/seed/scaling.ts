/** Autoscaling numbers (hosting guide: Scaling Strategies). */

export const SCALING_PRESET_NAMES = ['conservative', 'balanced', 'aggressive'] as const;
export type ScalingPresetName = (typeof SCALING_PRESET_NAMES)[number];

export interface ScalingPreset {
  /** CPU utilisation target, percent. */
  readonly cpuTargetPercent: number;
  /** Memory utilisation target, percent. */
  readonly memoryTargetPercent: number;
  /** How long a scale-out waits before acting, seconds. */
  readonly scaleUpSeconds: number;
  /** How long a scale-in waits before acting, seconds. */
  readonly scaleDownSeconds: number;
}

export const MEMORY_TARGET_PERCENT = 80;

export const SCALING_PRESETS: Readonly<Record<ScalingPresetName, ScalingPreset>> = {
  /** Cost-optimised: slow scale-up (5 min), fast scale-down (2 min), 60 % CPU. */
  conservative: { cpuTargetPercent: 60, memoryTargetPercent: MEMORY_TARGET_PERCENT, scaleUpSeconds: 300, scaleDownSeconds: 120 },
  /** Recommended: moderate scale-up (2 min) and scale-down (5 min), 70 % CPU. */
  balanced: { cpuTargetPercent: 70, memoryTargetPercent: MEMORY_TARGET_PERCENT, scaleUpSeconds: 120, scaleDownSeconds: 300 },
  /** Performance-optimised: fast scale-up (30 s), slow scale-down (10 min), 80 % CPU. */
  aggressive: { cpuTargetPercent: 80, memoryTargetPercent: MEMORY_TARGET_PERCENT, scaleUpSeconds: 30, scaleDownSeconds: 600 },
};

export interface HpaPolicy {
  readonly type: 'Percent' | 'Pods';
  readonly value: number;
  readonly periodSeconds: number;
}

export interface HpaBehavior {
  readonly scaleUp: {
    readonly stabilizationWindowSeconds: number;
    readonly policies: readonly HpaPolicy[];
    readonly selectPolicy: 'Max' | 'Min';
  };
  readonly scaleDown: { readonly stabilizationWindowSeconds: number; readonly policies: readonly HpaPolicy[] };
}

/** The guide's Kubernetes HPA, verbatim. */
export const KUBERNETES_HPA = {
  minReplicas: 2,
  maxReplicas: 20,
  cpuTargetPercent: 70,
  memoryTargetPercent: MEMORY_TARGET_PERCENT,
  behavior: {
    scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
    scaleUp: {
      stabilizationWindowSeconds: 0,
      policies: [
        { type: 'Percent', value: 100, periodSeconds: 15 },
        { type: 'Pods', value: 4, periodSeconds: 15 },
      ],
      selectPolicy: 'Max',
    },
  } satisfies HpaBehavior,
} as const;

/**
 * HPA behaviour for a preset. Balanced is the guide's HPA block as written; the other presets
 * keep its rate policies and move the stabilisation windows to the preset's delays.
 */
export function hpaBehaviorFor(preset: ScalingPresetName): HpaBehavior {
  const seed = KUBERNETES_HPA.behavior;
  if (preset === 'balanced') return seed;
  const p = SCALING_PRESETS[preset];
  return {
    scaleUp: { ...seed.scaleUp, stabilizationWindowSeconds: p.scaleUpSeconds },
    scaleDown: { ...seed.scaleDown, stabilizationWindowSeconds: p.scaleDownSeconds },
  };
}

/** The guide's Cloud Run service (production). */
export const CLOUD_RUN = {
  minInstances: 2,
  maxInstances: 100,
  targetConcurrencyPercent: 80,
  containerConcurrency: 80,
  limits: { cpu: 2, memoryMiB: 2048 },
  requests: { cpu: 1, memoryMiB: 1024 },
} as const;

/** The guide's ECS Fargate service. */
export const ECS = {
  minTasks: 2,
  maxTasks: 50,
  cpuTargetPercent: 70,
  memoryTargetPercent: MEMORY_TARGET_PERCENT,
} as const;

/** Request-based scaling, per instance per minute. */
export const REQUEST_SCALING = { scaleUpPerMinute: 1000, scaleDownPerMinute: 200 } as const;

/** Threshold-style triggers from "Scaling Metrics", for clouds that scale on alarms. */
export const SCALING_TRIGGERS = {
  cpu: { target: 70, scaleUpAbove: 80, scaleUpForSeconds: 120, scaleDownBelow: 50, scaleDownForSeconds: 300 },
  memory: { target: 80, scaleUpAbove: 90, scaleUpForSeconds: 60, scaleDownBelow: 60, scaleDownForSeconds: 300 },
  latencyP95Ms: 500,
} as const;
