import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { DataResource, Fn } from 'cdktf';
import { ENV, type SecretKey, type SecretReference, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { GeneratedSecretValue } from './generated-secret-value';

/** The secrets Terraform generates for a tier on GKE: the admin login and JWT key, and the database URL. */
export const GENERATED_SECRET_KEYS = [ENV.adminJwtSecret, ENV.adminUsername, ENV.adminPassword, ENV.databaseUrl] as const;
export type GeneratedSecretKey = (typeof GENERATED_SECRET_KEYS)[number];

/** `uuid()` without its dashes: 32 hex characters, 122 random bits, safe in a URL or an env var. */
const randomHex = (uuids: number): string => Fn.replace(Array.from({ length: uuids }, () => Fn.uuid()).join(''), '-', '');

export interface TierCredentialsProps {
  readonly context: TargetContext;
  /** The primary Cloud SQL instance, its private address and port: the app's built-in user is created there. */
  readonly database?: { readonly instanceName: string; readonly endpoint: string; readonly port: number };
}

/**
 * The tier's generated credentials, once, in the primary region: a 64-hex JWT key, a 32-hex admin
 * password and a 32-hex database password, from `uuid()` in a `terraform_data` that ignores later
 * changes to its input, so the first values stay in state (`terraform apply -replace` rotates them).
 * The database password belongs to a built-in Cloud SQL user (IAM logins use hour-long tokens,
 * which a URL cannot carry); `DATABASE_URL` names the primary's private address, where every
 * region writes. Hex needs no URL escaping.
 */
export class TierCredentials extends Construct {
  readonly data: DataResource;
  readonly appUser?: SqlUser;
  /** References by key, never literals. */
  readonly values: Readonly<Partial<Record<GeneratedSecretKey, string>>>;

  constructor(scope: Construct, id: string, props: TierCredentialsProps) {
    super(scope, id);
    const { context } = props;
    const username = context.service.name;
    this.data = new DataResource(this, 'generated', {
      input: { jwt_secret: randomHex(2), username, password: randomHex(1), database_password: randomHex(1) },
      lifecycle: { ignoreChanges: ['input'] },
    });
    const output = (key: string): string => this.data.output.lookup(key) as string;
    const values: Partial<Record<GeneratedSecretKey, string>> = {
      [ENV.adminJwtSecret]: output('jwt_secret'),
      [ENV.adminUsername]: output('username'),
      [ENV.adminPassword]: output('password'),
    };
    if (props.database) {
      const db = context.database;
      this.appUser = new SqlUser(this, 'app-user', {
        instance: props.database.instanceName,
        name: username,
        type: 'BUILT_IN',
        password: output('database_password'),
        // PostgreSQL refuses to drop a role that owns tables; the instance's deletion removes it.
        deletionPolicy: 'ABANDON',
      });
      values[ENV.databaseUrl] =
        `postgres://${username}:${output('database_password')}@${props.database.endpoint}:${props.database.port}/${db.databaseName}?sslmode=require`;
    }
    this.values = values;
  }
}

export interface GeneratedSecretsProps {
  /** The region's secret containers, by key. */
  readonly secrets: Readonly<Partial<Record<SecretKey, SecretReference>>>;
  /** The tier's values (the primary's `TierCredentials.values`, read across stacks elsewhere). */
  readonly values: Readonly<Partial<Record<GeneratedSecretKey, string>>>;
}

/** One region's versions of the generated secrets: each container the region has gets its value. */
export class GeneratedSecrets extends Construct {
  readonly versions: GeneratedSecretValue[];

  constructor(scope: Construct, id: string, props: GeneratedSecretsProps) {
    super(scope, id);
    this.versions = GENERATED_SECRET_KEYS.flatMap((key) => {
      const secret = props.secrets[key];
      const value = props.values[key];
      return secret && value ? [new GeneratedSecretValue(this, key.toLowerCase().replace(/_/g, '-'), { secret, value })] : [];
    });
  }
}
