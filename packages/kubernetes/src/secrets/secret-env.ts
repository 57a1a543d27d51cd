import { ENV, type SecretKey } from '@mockforge-infra/core';

export interface SecretEnv {
  readonly name: string;
  readonly valueFrom: { readonly secretKeyRef: { readonly name: string; readonly key: SecretKey } };
}

/**
 * The container's secrets, read from the caller's Secret by reference. The server reads only
 * plain environment variables (no *_FILE variants), so files are not an option; no value is
 * ever rendered into the Terraform JSON.
 */
export function secretEnv(secretName: string, keys: readonly SecretKey[]): SecretEnv[] {
  const ref = (key: SecretKey): SecretEnv => ({ name: key, valueFrom: { secretKeyRef: { name: secretName, key } } });
  const env = keys.map(ref);
  // The distributed test runner reads its Redis from its own variable.
  if (keys.includes(ENV.redisUrl))
    env.push({ name: ENV.runnerRedisUrl, valueFrom: { secretKeyRef: { name: secretName, key: ENV.redisUrl } } });
  return env;
}

/** Why CKV_K8S_35 is suppressed on the server pods. */
export const SECRET_ENV_REASON =
  'MockForge reads DATABASE_URL, REDIS_URL and its admin credentials only from environment variables (no *_FILE variants); they come from a Secret by reference and are never rendered in the JSON';
