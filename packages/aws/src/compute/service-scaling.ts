import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { REQUEST_SCALING, type CommonProps, type ScalingPreset } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';

export interface ServiceScalingProps extends CommonProps {
  readonly clusterName: string;
  readonly serviceName: string;
  readonly min: number;
  readonly max: number;
  /** The tier's preset: CPU/memory targets and scale-up/down delays (cooldowns). */
  readonly preset: ScalingPreset;
  /** `<alb arn_suffix>/<target group arn_suffix>`, for request-count scaling. @default none */
  readonly requestCountResourceLabel?: string;
}

/**
 * Target tracking on CPU, memory and requests per target, with the preset's cooldowns.
 * `tags` and `overrides` apply to the scalable target (`aws_appautoscaling_target`).
 */
export class ServiceScaling extends Construct {
  readonly target: AppautoscalingTarget;

  constructor(scope: Construct, id: string, props: ServiceScalingProps) {
    super(scope, id);
    this.target = new AppautoscalingTarget(this, 'target', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      minCapacity: props.min,
      maxCapacity: props.max,
    });
    applyCommonProps(this.target, props);
    const track = (name: string, metric: string, targetValue: number, resourceLabel?: string) =>
      new AppautoscalingPolicy(this, name, {
        name: `${props.serviceName}-${name.replace(/_/g, '-')}`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: this.target.serviceNamespace,
        scalableDimension: this.target.scalableDimension,
        resourceId: this.target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue,
          scaleOutCooldown: props.preset.scaleUpSeconds,
          scaleInCooldown: props.preset.scaleDownSeconds,
          predefinedMetricSpecification: { predefinedMetricType: metric, ...(resourceLabel ? { resourceLabel } : {}) },
        },
      });
    track('cpu', 'ECSServiceAverageCPUUtilization', props.preset.cpuTargetPercent);
    track('memory', 'ECSServiceAverageMemoryUtilization', props.preset.memoryTargetPercent);
    if (props.requestCountResourceLabel) {
      track('requests', 'ALBRequestCountPerTarget', REQUEST_SCALING.scaleUpPerMinute, props.requestCountResourceLabel);
    }
  }
}
