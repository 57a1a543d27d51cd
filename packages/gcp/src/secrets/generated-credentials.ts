import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import {
  ADMIN_SECRET_KEYS,
  ENV,
  DATABASE_PASSWORD,
  GeneratedCredentials,
  type SecretKey,
  type SecretReference,
  type TargetContext,
} from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { GeneratedSecretValue } from './generated-secret-value';

/** The secrets Terraform generates for a tier: the admin login and JWT key, and the database URL. */
export const GENERATED_SECRET_KEYS = [...ADMIN_SECRET_KEYS, ENV.databaseUrl] as const;
export type GeneratedSecretKey = (typeof GENERATED_SECRET_KEYS)[number];

export interface TierCredentialsProps {
  readonly context: TargetContext;
  /** The primary Cloud SQL instance, its private address and port: the app's built-in user is created there. */
  readonly database?: { readonly instanceName: string; readonly endpoint: string; readonly port: number };
}

/**
 * The tier's generated credentials, once, in the primary region (core's `GeneratedCredentials`, plus
 * a database password). The database password belongs to a built-in Cloud SQL user (IAM logins use
 * hour-long tokens, which a URL cannot carry); `DATABASE_URL` names the primary's private address,
 * where every region writes. Hex needs no URL escaping.
 */
export class TierCredentials extends GeneratedCredentials {
  readonly appUser?: SqlUser;
  /** References by key, never literals. */
  readonly values: Readonly<Partial<Record<GeneratedSecretKey, string>>>;

  constructor(scope: Construct, id: string, props: TierCredentialsProps) {
    const { context } = props;
    const username = context.service.name;
    super(scope, id, { username, passwords: [DATABASE_PASSWORD] });
    const values: Partial<Record<GeneratedSecretKey, string>> = { ...this.admin };
    if (props.database) {
      const password = this.output(DATABASE_PASSWORD);
      this.appUser = new SqlUser(this, 'app-user', {
        instance: props.database.instanceName,
        name: username,
        type: 'BUILT_IN',
        password,
        // PostgreSQL refuses to drop a role that owns tables; the instance's deletion removes it.
        deletionPolicy: 'ABANDON',
      });
      values[ENV.databaseUrl] =
        `postgres://${username}:${password}@${props.database.endpoint}:${props.database.port}/${context.database.databaseName}?sslmode=require`;
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
