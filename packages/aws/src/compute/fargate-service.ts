import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition, type EcsTaskDefinitionVolume } from '@cdktf/provider-aws/lib/ecs-task-definition';
import {
  PolicyEngine,
  PORTS,
  STARTUP_BUDGET_SECONDS,
  TARGET_HEALTH,
  WRITABLE_PATHS,
  type CommonProps,
  type ComputeService,
  type ScalingPreset,
  type ServiceSpec,
} from '@mockforge-infra/core';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { encryptedLogGroup } from '../monitoring/log-group';
import { applyCommonProps } from '../shared/common-props';
import { ServiceRole, type PolicyStatement } from '../shared/iam';
import { mockforgeContainer, otelCollectorContainer, type ContainerVolume } from './container-definition';
import { ServiceScaling } from './service-scaling';

export interface StatefulVolume {
  readonly fileSystemId: string;
  readonly fileSystemArn: string;
  readonly accessPointId: string;
  readonly accessPointArn: string;
}

export interface FargateServiceProps extends CommonProps {
  /** Service and task family name, e.g. mockforge-production. */
  readonly name: string;
  /** Prefix for account-wide IAM names. */
  readonly globalName: string;
  readonly region: string;
  readonly service: ServiceSpec;
  readonly clusterName: string;
  readonly clusterArn: string;
  readonly imageUri: string;
  readonly repositoryArnPattern: string;
  /** Secret env name → Secrets Manager ARN. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly kmsKeyArn: string;
  /** Valid Fargate pair. */
  readonly cpuUnits: number;
  readonly memoryMiB: number;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** Registers tasks with the ALB. @default not behind the load balancer */
  readonly targetGroupArn?: string;
  /** Registers tasks under a private DNS name (Cloud Map). @default none */
  readonly serviceRegistryArn?: string;
  readonly scaling: {
    readonly min: number;
    readonly max: number;
    readonly preset: ScalingPreset;
    readonly requestCountResourceLabel?: string;
  };
  /** Run every task on FARGATE_SPOT. @default FARGATE (on demand) */
  readonly spot?: boolean;
  /**
   * Tasks get a public IP and egress through the internet gateway (no NAT); the reason becomes the
   * CKV_AWS_333 suppression. The security groups still decide who may connect. @default no public IP
   */
  readonly publicIp?: { readonly reason: string };
  /** Persistent /app/data on EFS instead of task-local storage. @default task-local */
  readonly stateVolume?: StatefulVolume;
  /**
   * Resources the service must wait for: the cluster's capacity provider registration (a
   * capacity provider strategy fails without it) and the listener that attaches the target group.
   * @default none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

const DATA_VOLUME = 'data';
const TMP_VOLUME = 'tmp';
const DEPLOYMENT_MAX_PERCENT = 200;
const DEPLOYMENT_MIN_HEALTHY_PERCENT = 100;
/**
 * ECS ignores target health for this long after a task starts: the startup budget, plus the failed
 * checks the target group needs to mark a target unhealthy, so a task that uses its whole startup
 * window is not replaced the moment the grace ends.
 */
const HEALTH_CHECK_GRACE_SECONDS = STARTUP_BUDGET_SECONDS + TARGET_HEALTH.unhealthyThreshold * TARGET_HEALTH.intervalSeconds;

/**
 * MockForge on Fargate: separate execution and task roles, a read-only root filesystem with
 * writable /app/data and /tmp, secrets by `valueFrom`, private subnets without public IPs,
 * rollback on failed deployments, and target-tracking scaling.
 * `tags` and `overrides` apply to the ECS service (`aws_ecs_service`); `tags` also to the task definition.
 */
export class FargateService extends Construct implements ComputeService {
  readonly serviceName: string;
  readonly backendId: string;
  readonly ecsService: EcsService;
  readonly taskDefinition: EcsTaskDefinition;
  readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const logs = encryptedLogGroup(this, 'logs', `/aws/ecs/${props.name}`, props.kmsKeyArn);
    this.logGroupName = logs.name;
    const secretArns = Object.values(props.secrets);

    const execution = new ServiceRole(this, 'execution_role', {
      name: `${props.globalName}-exec`,
      services: ['ecs-tasks.amazonaws.com'],
      statements: [
        { Sid: 'EcrAuth', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: 'PullThroughCache',
          Effect: 'Allow',
          Action: [
            'ecr:BatchCheckLayerAvailability',
            'ecr:GetDownloadUrlForLayer',
            'ecr:BatchGetImage',
            'ecr:BatchImportUpstreamImage',
            'ecr:CreateRepository',
          ],
          Resource: props.repositoryArnPattern,
        },
        { Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logs.arn}:*` },
        { Sid: 'Secrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArns },
        { Sid: 'Decrypt', Effect: 'Allow', Action: 'kms:Decrypt', Resource: props.kmsKeyArn },
      ],
    });

    const taskStatements: PolicyStatement[] = [
      {
        Sid: 'Traces',
        Effect: 'Allow',
        Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
        Resource: '*',
      },
    ];
    if (props.stateVolume) {
      taskStatements.push({
        Sid: 'StateVolume',
        Effect: 'Allow',
        Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        Resource: props.stateVolume.fileSystemArn,
        Condition: { StringEquals: { 'elasticfilesystem:AccessPointArn': props.stateVolume.accessPointArn } },
      });
    }
    const task = new ServiceRole(this, 'task_role', {
      name: `${props.globalName}-task`,
      services: ['ecs-tasks.amazonaws.com'],
      statements: taskStatements,
    });

    const volumes: ContainerVolume[] = [
      { name: DATA_VOLUME, containerPath: WRITABLE_PATHS.data },
      { name: TMP_VOLUME, containerPath: WRITABLE_PATHS.tmp },
    ];
    const taskVolumes: EcsTaskDefinitionVolume[] = [
      props.stateVolume
        ? {
            name: DATA_VOLUME,
            efsVolumeConfiguration: {
              fileSystemId: props.stateVolume.fileSystemId,
              transitEncryption: 'ENABLED',
              authorizationConfig: { accessPointId: props.stateVolume.accessPointId, iam: 'ENABLED' },
            },
          }
        : { name: DATA_VOLUME },
      { name: TMP_VOLUME },
    ];
    this.taskDefinition = new EcsTaskDefinition(this, 'task', {
      family: props.name,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.cpuUnits),
      memory: String(props.memoryMiB),
      executionRoleArn: execution.arn,
      taskRoleArn: task.arn,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      volume: taskVolumes,
      containerDefinitions: JSON.stringify([
        mockforgeContainer({
          service: props.service,
          image: props.imageUri,
          secrets: props.secrets,
          logGroupName: logs.name,
          region: props.region,
          volumes,
        }),
        otelCollectorContainer(props.region, logs.name),
      ]),
      tags: props.tags,
    });

    this.ecsService = new EcsService(this, 'service', {
      name: props.name,
      cluster: props.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: props.scaling.min,
      platformVersion: 'LATEST',
      capacityProviderStrategy: capacityStrategy(props.spot),
      networkConfiguration: {
        subnets: [...props.subnetIds],
        securityGroups: [...props.securityGroupIds],
        assignPublicIp: props.publicIp !== undefined,
      },
      ...(props.targetGroupArn
        ? {
            loadBalancer: [{ targetGroupArn: props.targetGroupArn, containerName: props.service.name, containerPort: PORTS.http }],
            healthCheckGracePeriodSeconds: HEALTH_CHECK_GRACE_SECONDS,
          }
        : {}),
      ...(props.serviceRegistryArn ? { serviceRegistries: { registryArn: props.serviceRegistryArn } } : {}),
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMaximumPercent: DEPLOYMENT_MAX_PERCENT,
      deploymentMinimumHealthyPercent: DEPLOYMENT_MIN_HEALTHY_PERCENT,
      availabilityZoneRebalancing: 'ENABLED',
      // ECS Exec needs a writable root filesystem for its agent; the task's root is read-only.
      enableExecuteCommand: false,
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      // Autoscaling owns the count after the first apply.
      lifecycle: { ignoreChanges: ['desired_count'] },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    if (props.publicIp) PolicyEngine.suppress(this.ecsService, 'CKV_AWS_333', props.publicIp.reason);
    applyCommonProps(this.ecsService, props);
    this.serviceName = this.ecsService.name;
    this.backendId = props.targetGroupArn ?? props.serviceRegistryArn ?? this.ecsService.id;

    new ServiceScaling(this, 'scaling', {
      clusterName: props.clusterName,
      serviceName: this.ecsService.name,
      min: props.scaling.min,
      max: props.scaling.max,
      preset: props.scaling.preset,
      requestCountResourceLabel: props.scaling.requestCountResourceLabel,
    });
  }
}

/** Every task on FARGATE, or every task on FARGATE_SPOT. */
export function capacityStrategy(spot: boolean | undefined): { capacityProvider: string; weight: number }[] {
  return [{ capacityProvider: spot ? 'FARGATE_SPOT' : 'FARGATE', weight: 1 }];
}
