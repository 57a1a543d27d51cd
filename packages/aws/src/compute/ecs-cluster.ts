import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import type { CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { encryptedLogGroup } from '../monitoring/log-group';
import { applyCommonProps } from '../shared/common-props';

export interface FargateClusterProps extends CommonProps {
  readonly name: string;
  readonly kmsKeyArn: string;
  /** Registers FARGATE_SPOT too. @default false */
  readonly spot?: boolean;
}

/**
 * An ECS cluster with enhanced Container Insights and ECS Exec sessions logged to an encrypted group.
 * `tags` and `overrides` apply to the cluster (`aws_ecs_cluster`).
 */
export class FargateCluster extends Construct {
  readonly cluster: EcsCluster;
  readonly execLogGroupArn: string;
  /** Services using a capacity provider strategy depend on this registration. */
  readonly capacityProviders: EcsClusterCapacityProviders;

  constructor(scope: Construct, id: string, props: FargateClusterProps) {
    super(scope, id);
    const execLogs = encryptedLogGroup(this, 'exec_logs', `/aws/ecs/${props.name}/exec`, props.kmsKeyArn);
    this.execLogGroupArn = execLogs.arn;
    this.cluster = new EcsCluster(this, 'cluster', {
      name: props.name,
      setting: [{ name: 'containerInsights', value: 'enhanced' }],
      configuration: {
        executeCommandConfiguration: {
          kmsKeyId: props.kmsKeyArn,
          logging: 'OVERRIDE',
          logConfiguration: { cloudWatchLogGroupName: execLogs.name, cloudWatchEncryptionEnabled: true },
        },
      },
    });
    applyCommonProps(this.cluster, props);
    this.capacityProviders = new EcsClusterCapacityProviders(this, 'capacity_providers', {
      clusterName: this.cluster.name,
      capacityProviders: props.spot ? ['FARGATE', 'FARGATE_SPOT'] : ['FARGATE'],
    });
  }
}
