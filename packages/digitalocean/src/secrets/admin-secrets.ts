import { TerraformVariable } from 'cdktf';
import { ENV } from '@mockforge-infra/core';
import type { Construct } from 'constructs';

/** The admin secrets DigitalOcean has no store for: sensitive variables, set with TF_VAR_<name>. */
export const ADMIN_SECRET_KEYS = [ENV.adminJwtSecret, ENV.adminUsername, ENV.adminPassword] as const;

/** `MOCKFORGE_ADMIN_PASSWORD` → `mockforge_admin_password`. */
export function variableName(key: string): string {
  return key.toLowerCase();
}

/** Declares the admin secrets as sensitive variables of `scope`; returns their references by env key. */
export function adminSecrets(scope: Construct): Record<string, string> {
  return Object.fromEntries(
    ADMIN_SECRET_KEYS.map((key) => {
      const variable = new TerraformVariable(scope, variableName(key), {
        type: 'string',
        sensitive: true,
        description: `${key} for MockForge (set TF_VAR_${variableName(key)})`,
      });
      variable.overrideLogicalId(variableName(key));
      return [key, variable.stringValue];
    }),
  );
}
