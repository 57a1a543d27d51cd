import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import { Construct } from 'constructs';
import { AWS_PLATFORM } from '../sizing';

const APP_ACCESS = 'on ~* &* +@all -@dangerous';

export interface RedisUsersProps {
  /** Prefix of the user ids and the group id. */
  readonly name: string;
  /** The password user's password: a token reference (generated at plan time), never a literal. */
  readonly appPassword: string;
}

/**
 * Redis RBAC: the required `default` user is switched off; the app connects as a password user (the
 * static `REDIS_URL`), and an IAM user (a SigV4 token from the task role) stays for IAM-capable clients.
 */
export class RedisUsers extends Construct {
  readonly group: ElasticacheUserGroup;
  /** The IAM-authenticated user; its id equals its name, as IAM auth requires. */
  readonly appUserId: string;
  readonly appUserArn: string;
  /** The password user `REDIS_URL` logs in as. */
  readonly passwordUser: ElasticacheUser;

  constructor(scope: Construct, id: string, props: RedisUsersProps) {
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
      accessString: APP_ACCESS,
      authenticationMode: { type: 'iam' },
    });
    this.passwordUser = new ElasticacheUser(this, 'app_password_user', {
      userId: `${props.name}-app-pw`,
      userName: `${props.name}-app-pw`,
      engine,
      accessString: APP_ACCESS,
      authenticationMode: { type: 'password', passwords: [props.appPassword] },
      // The generated password changes on every plan; the first one applied is kept (README: Secrets).
      lifecycle: { ignoreChanges: ['authentication_mode', 'passwords'] },
    });
    this.group = new ElasticacheUserGroup(this, 'group', {
      userGroupId: props.name,
      engine,
      userIds: [disabledDefault.userId, app.userId, this.passwordUser.userId],
    });
    this.appUserId = app.userId;
    this.appUserArn = app.arn;
  }
}
