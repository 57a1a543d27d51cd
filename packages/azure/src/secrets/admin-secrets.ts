import { TerraformVariable } from 'cdktf';
import { ENV } from '@mockforge-infra/core';
import type { Construct } from 'constructs';

/** The admin secrets and the database password come from sensitive variables, set with TF_VAR_<name>. */
export const ADMIN_SECRET_KEYS = [ENV.adminJwtSecret, ENV.adminUsername, ENV.adminPassword] as const;
export const POSTGRES_PASSWORD_VARIABLE = 'postgres_admin_password';

function sensitive(scope: Construct, name: string, description: string): string {
  const variable = new TerraformVariable(scope, name, { type: 'string', sensitive: true, description });
  variable.overrideLogicalId(name);
  return variable.stringValue;
}

/** Declares the admin secrets as sensitive variables of `scope`; returns their references by env key. */
export function adminSecrets(scope: Construct): Record<string, string> {
  return Object.fromEntries(
    ADMIN_SECRET_KEYS.map((key) => [key, sensitive(scope, key.toLowerCase(), `${key} for MockForge (set TF_VAR_${key.toLowerCase()})`)]),
  );
}

export function postgresPassword(scope: Construct): string {
  return sensitive(scope, POSTGRES_PASSWORD_VARIABLE, `PostgreSQL administrator password (set TF_VAR_${POSTGRES_PASSWORD_VARIABLE})`);
}
