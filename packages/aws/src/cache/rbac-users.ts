import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import { Construct } from 'constructs';
import { AWS_PLATFORM } from '../sizing';

/**
 * Redis RBAC without a password in configuration: the required `default` user is switched off,
 * and the app user authenticates with IAM (a SigV4 token from the task role).
 */
export class RedisUsers extends Construct {
  readonly group: ElasticacheUserGroup;
  /** The IAM-authenticated user; its id equals its name, as IAM auth requires. */
  readonly appUserId: string;
  readonly appUserArn: string;

  constructor(scope: Construct, id: string, props: { name: string }) {
    super(scope, id);
    const engine = AWS_PLATFORM.redisEngine;
    const disabledDefault = new ElasticacheUser(this, 'default_user', {
      userId: `${props.name}-default`,
      userName: 'default',
      engine,
      accessString: 'off -@all',
      authenticationMode: { type: 'no-password-required' },
    });
    const app = new ElasticacheUser(this, 'app_user', {
      userId: `${props.name}-app`,
      userName: `${props.name}-app`,
      engine,
      accessString: 'on ~* &* +@all -@dangerous',
      authenticationMode: { type: 'iam' },
    });
    this.group = new ElasticacheUserGroup(this, 'group', { userGroupId: props.name, engine, userIds: [disabledDefault.userId, app.userId] });
    this.appUserId = app.userId;
    this.appUserArn = app.arn;
  }
}
