import {
  defaultConfig,
  PolicyEngine,
  targetContext,
  type MockforgeConfig,
  type ProductionSize,
  type ScalingPresetName,
  type TierConfig,
  type TierName,
} from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { awsRules } from '../rules';
import { AwsRegionalStack } from '../stacks/regional-stack';

type Json = Record<string, any>;

/** The hosting guide's presets, written out: CPU/memory targets, scale-out and scale-in cooldowns. */
const PRESETS: Readonly<Record<ScalingPresetName, { cpu: number; memory: number; scaleOut: number; scaleIn: number }>> = {
  conservative: { cpu: 60, memory: 80, scaleOut: 300, scaleIn: 120 },
  balanced: { cpu: 70, memory: 80, scaleOut: 120, scaleIn: 300 },
  aggressive: { cpu: 80, memory: 80, scaleOut: 30, scaleIn: 600 },
};

/** Task ranges per tier (production: per size): the stateless pool, and the hybrid stateful pool. */
const RANGES: Readonly<Record<string, { stateless: [number, number]; stateful: [number, number] }>> = {
  dev: { stateless: [1, 2], stateful: [1, 1] },
  staging: { stateless: [2, 4], stateful: [2, 2] },
  'production small': { stateless: [3, 50], stateful: [2, 3] },
  'production medium': { stateless: [5, 50], stateful: [2, 5] },
  'production large': { stateless: [10, 50], stateful: [2, 10] },
};

/** One hybrid region (stateless and stateful ECS services) of a tier. */
function synthRegion(tier: TierName, changes: Partial<TierConfig> = {}): Json {
  const base = defaultConfig(['aws']);
  const config: MockforgeConfig = {
    ...base,
    tiers: { ...base.tiers, [tier]: { ...base.tiers[tier]!, topology: 'hybrid', regions: { aws: ['us-east-1'] }, ...changes } },
  };
  const context = targetContext(config, tier, 'aws');
  const stack = new AwsRegionalStack(Testing.app(), {
    context,
    region: 'us-east-1',
    policy: new PolicyEngine(awsRules, { failOnError: false }),
  });
  return JSON.parse(Testing.synth(stack, true)) as Json;
}

interface ServiceScalingOut {
  readonly target: Json;
  /** Target-tracking configurations by predefined metric type. */
  readonly policies: Record<string, Json>;
}

/** The scalable target and policies of the ECS service named `name`, followed through their references. */
function scalingOf(json: Json, name: string): ServiceScalingOut {
  const [serviceId] = Object.entries(json.resource.aws_ecs_service as Record<string, Json>).find(([, s]) => s.name === name)!;
  const targets = Object.entries(json.resource.aws_appautoscaling_target as Record<string, Json>).filter(
    ([, t]) => t.resource_id === `service/\${aws_ecs_cluster.cluster_A4C38409.name}/\${aws_ecs_service.${serviceId}.name}`,
  );
  expect(targets).toHaveLength(1);
  const [targetId, target] = targets[0]!;
  const policies = Object.values(json.resource.aws_appautoscaling_policy as Record<string, Json>).filter(
    (p) => p.resource_id === `\${aws_appautoscaling_target.${targetId}.resource_id}`,
  );
  for (const p of policies) {
    expect(p).toMatchObject({
      policy_type: 'TargetTrackingScaling',
      service_namespace: `\${aws_appautoscaling_target.${targetId}.service_namespace}`,
      scalable_dimension: `\${aws_appautoscaling_target.${targetId}.scalable_dimension}`,
    });
    expect(p.name).toMatch(new RegExp(`^\\$\\{aws_ecs_service\\.${serviceId}\\.name\\}-(cpu|memory|requests)$`));
  }
  return {
    target: {
      min: target.min_capacity,
      max: target.max_capacity,
      namespace: target.service_namespace,
      dimension: target.scalable_dimension,
    },
    policies: Object.fromEntries(
      policies.map((p) => [
        p.target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type,
        p.target_tracking_scaling_policy_configuration,
      ]),
    ),
  };
}

/** What target tracking must look like for a preset; the stateless pool also follows requests per target. */
function expectedPolicies(preset: ScalingPresetName, withRequests: boolean): Record<string, Json> {
  const p = PRESETS[preset];
  const tracking = (type: string, value: number, resourceLabel?: string) => ({
    target_value: value,
    scale_out_cooldown: p.scaleOut,
    scale_in_cooldown: p.scaleIn,
    predefined_metric_specification: { predefined_metric_type: type, ...(resourceLabel ? { resource_label: resourceLabel } : {}) },
  });
  return {
    ECSServiceAverageCPUUtilization: tracking('ECSServiceAverageCPUUtilization', p.cpu),
    ECSServiceAverageMemoryUtilization: tracking('ECSServiceAverageMemoryUtilization', p.memory),
    ...(withRequests
      ? {
          ALBRequestCountPerTarget: tracking(
            'ALBRequestCountPerTarget',
            1000,
            '${aws_lb.load_balancer_alb_027FD642.arn_suffix}/${aws_lb_target_group.load_balancer_target_group_BF31E9FB.arn_suffix}',
          ),
        }
      : {}),
  };
}

function expectScaling(json: Json, tier: TierName, range: keyof typeof RANGES, preset: ScalingPresetName): void {
  const stateless = scalingOf(json, `mockforge-${tier}`);
  const stateful = scalingOf(json, `mockforge-${tier}-stateful`);
  const [min, max] = RANGES[range]!.stateless;
  const [statefulMin, statefulMax] = RANGES[range]!.stateful;
  expect(stateless.target).toEqual({ min, max, namespace: 'ecs', dimension: 'ecs:service:DesiredCount' });
  expect(stateful.target).toEqual({ min: statefulMin, max: statefulMax, namespace: 'ecs', dimension: 'ecs:service:DesiredCount' });
  expect(stateless.policies).toEqual(expectedPolicies(preset, true));
  expect(stateful.policies).toEqual(expectedPolicies(preset, false));
}

const TIERS = ['dev', 'staging', 'production'] as const;
const PRESET_NAMES = ['conservative', 'balanced', 'aggressive'] as const;
const defaultRange = (tier: TierName): keyof typeof RANGES => (tier === 'production' ? 'production medium' : tier);

describe('ECS service scaling', () => {
  it.each(TIERS.flatMap((tier) => PRESET_NAMES.map((preset) => [tier, preset] as const)))(
    'the %s tier with the %s preset tracks that preset on both pools',
    (tier, preset) => {
      expectScaling(synthRegion(tier, { scalingPreset: preset }), tier, defaultRange(tier), preset);
    },
  );

  it.each([
    ['dev', 'conservative'],
    ['staging', 'balanced'],
    ['production', 'balanced'],
  ] as const)('the %s tier uses the %s preset when none is configured', (tier, preset) => {
    expectScaling(synthRegion(tier), tier, defaultRange(tier), preset);
  });

  it.each(['small', 'large'] as const satisfies readonly ProductionSize[])('production size %s sets the task range', (size) => {
    expectScaling(synthRegion('production', { size }), 'production', `production ${size}`, 'balanced');
  });

  it('starts each service at its range minimum and leaves the count to autoscaling', () => {
    const json = synthRegion('production');
    const services = Object.values(json.resource.aws_ecs_service as Record<string, Json>).map((s) => [
      s.name,
      s.desired_count,
      s.lifecycle?.ignore_changes,
    ]);
    expect(services.sort()).toEqual([
      ['mockforge-production', 5, ['desired_count']],
      ['mockforge-production-stateful', 2, ['desired_count']],
    ]);
  });
});
