import { ElasticacheGlobalReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-global-replication-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import {
  DATABASE_BACKUP_WINDOW,
  PolicyEngine,
  type CacheSpec,
  type CommonProps,
  type RedisCache,
  type SecretReference,
} from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { dailyWindow, weeklyWindow } from '../database/windows';
import { encryptedLogGroup } from '../monitoring/log-group';
import { GeneratedPassword } from '../secrets/generated-password';
import { InitialSecretValue } from '../secrets/initial-secret-value';
import { applyCommonProps } from '../shared/common-props';
import { AWS_PLATFORM } from '../sizing';
import { RedisUsers } from './rbac-users';

export type GlobalDatastoreRole = { readonly role: 'primary' } | { readonly role: 'secondary'; readonly globalReplicationGroupId: string };

export interface RedisReplicationGroupProps extends CommonProps {
  /** Replication group id (40 characters at most), e.g. mockforge-production. */
  readonly name: string;
  readonly spec: CacheSpec;
  readonly nodeType: string;
  /** Shards in cluster mode. */
  readonly shards: number;
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  readonly kmsKeyArn: string;
  /** The REDIS_URL secret the app reads; this construct writes its first version. */
  readonly connectionSecret: SecretReference;
  /**
   * The first REDIS_URL version, instead of this group's own URL: a Global Datastore secondary is
   * read-only, so its region gets the primary's URL (a `${data...}` reference).
   * @default this group's endpoint and password user
   */
  readonly connectionUrl?: string;
  /** Membership of an ElastiCache Global Datastore. @default not global */
  readonly global?: GlobalDatastoreRole;
  /** Why a single node is acceptable (dev). */
  readonly singleNodeExemption?: string;
}

/** Why a Global Datastore secondary sets no encryption arguments (CKV_AWS_29/30/31). */
export const GLOBAL_SECONDARY_ENCRYPTION =
  'a Global Datastore secondary inherits encryption at rest and in transit from its primary, which sets both; the provider rejects them beside global_replication_group_id';

/**
 * ElastiCache for Redis: cluster mode in production, Multi-AZ with automatic failover when HA,
 * KMS at rest, TLS required in transit, RBAC users, daily snapshots kept per the seed,
 * slow logs to an encrypted log group; optionally part of a Global Datastore. Writes `REDIS_URL`
 * (`rediss://<user>:<password>@<endpoint>:<port>`) for a password user whose password Secrets Manager
 * generates at plan time: the configuration holds only references, the value lives in Terraform state.
 * `tags` and `overrides` apply to the replication group (`aws_elasticache_replication_group`).
 */
export class RedisReplicationGroup extends Construct implements RedisCache {
  readonly group: ElasticacheReplicationGroup;
  readonly endpoint: string;
  readonly port: number;
  readonly connectionSecret: SecretReference;
  readonly replicationGroupId: string;
  readonly users: RedisUsers;
  /** The first REDIS_URL version, written by Terraform. */
  readonly connectionUrl: InitialSecretValue;
  /** Set on the Global Datastore's primary. */
  readonly globalReplicationGroupId?: string;

  constructor(scope: Construct, id: string, props: RedisReplicationGroupProps) {
    super(scope, id);
    const spec = props.spec;
    const subnets = new ElasticacheSubnetGroup(this, 'subnets', {
      name: props.name,
      subnetIds: [...props.subnetIds],
      description: 'MockForge data subnets',
    });
    const password = new GeneratedPassword(this, 'app_password', { length: AWS_PLATFORM.redisPasswordLength });
    this.users = new RedisUsers(this, 'users', { name: props.name, appPassword: password.value });
    const slowLog = encryptedLogGroup(this, 'slow_log', `/aws/elasticache/${props.name}/slow-log`, props.kmsKeyArn);
    const ha = spec.highlyAvailable;
    const secondary = props.global?.role === 'secondary' ? props.global : undefined;
    const topology = spec.clusterMode
      ? { numNodeGroups: secondary ? undefined : props.shards, replicasPerNodeGroup: spec.replicasPerShard }
      : { numCacheClusters: 1 + spec.replicasPerShard };

    this.group = new ElasticacheReplicationGroup(this, 'replication_group', {
      replicationGroupId: props.name,
      description: 'MockForge shared state',
      // A secondary inherits engine, node type and encryption from the Global Datastore's primary;
      // the provider rejects those arguments beside global_replication_group_id.
      ...(secondary
        ? { globalReplicationGroupId: secondary.globalReplicationGroupId }
        : {
            engine: AWS_PLATFORM.redisEngine,
            engineVersion: AWS_PLATFORM.redisEngineVersion,
            nodeType: props.nodeType,
            parameterGroupName: spec.clusterMode ? AWS_PLATFORM.redisParameterGroup.clusterMode : AWS_PLATFORM.redisParameterGroup.single,
            clusterMode: spec.clusterMode ? 'enabled' : 'disabled',
            atRestEncryptionEnabled: 'true',
            transitEncryptionEnabled: true,
            transitEncryptionMode: 'required',
          }),
      ...topology,
      port: spec.port,
      subnetGroupName: subnets.name,
      securityGroupIds: [props.securityGroupId],
      kmsKeyId: props.kmsKeyArn,
      userGroupIds: [this.users.group.userGroupId],
      automaticFailoverEnabled: ha,
      multiAzEnabled: ha,
      snapshotRetentionLimit: spec.snapshotRetentionDays,
      // Snapshots run in the hour before the database backup, maintenance after both.
      snapshotWindow: dailyWindow({ ...DATABASE_BACKUP_WINDOW, startHourUtc: DATABASE_BACKUP_WINDOW.startHourUtc - 1 }),
      maintenanceWindow: weeklyWindow(spec.maintenanceWindow),
      autoMinorVersionUpgrade: 'true',
      applyImmediately: false,
      logDeliveryConfiguration: [{ destination: slowLog.name, destinationType: 'cloudwatch-logs', logFormat: 'json', logType: 'slow-log' }],
      lifecycle: secondary ? { ignoreChanges: ['num_node_groups'] } : undefined,
    });
    applyCommonProps(this.group, props);
    if (!ha && props.singleNodeExemption) PolicyEngine.suppress(this.group, 'CKV2_AWS_50', props.singleNodeExemption);
    if (secondary) {
      for (const rule of ['CKV_AWS_29', 'CKV_AWS_30', 'CKV_AWS_31']) PolicyEngine.suppress(this.group, rule, GLOBAL_SECONDARY_ENCRYPTION);
    }

    if (props.global?.role === 'primary') {
      const global = new ElasticacheGlobalReplicationGroup(this, 'global_datastore', {
        globalReplicationGroupIdSuffix: props.name,
        primaryReplicationGroupId: this.group.id,
        globalReplicationGroupDescription: 'MockForge shared state across regions',
      });
      this.globalReplicationGroupId = global.globalReplicationGroupId;
    }

    this.replicationGroupId = this.group.id;
    this.endpoint = spec.clusterMode ? this.group.configurationEndpointAddress : this.group.primaryEndpointAddress;
    this.port = spec.port;
    this.connectionSecret = props.connectionSecret;
    // The user and the endpoint are regional; a secondary keeps its own users for a promotion but
    // writes through the primary's URL until then.
    this.connectionUrl = new InitialSecretValue(this, 'connection_url', {
      secret: props.connectionSecret,
      value: props.connectionUrl ?? `rediss://${this.users.passwordUser.userName}:${password.value}@${this.endpoint}:${this.port}`,
    });
  }
}
