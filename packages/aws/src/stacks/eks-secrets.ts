import type { SecretKey } from '@mockforge-infra/core';

/**
 * The AWS provider plugin's SecretProviderClass parameters: each Secrets Manager container by ARN,
 * aliased to its key (the object the synced Secret reads), fetched with the pod's EKS Pod Identity.
 */
export function awsSecretParameters(
  region: string,
  secrets: ReadonlyArray<{ readonly key: SecretKey; readonly arn: string }>,
): Record<string, string> {
  // The provider reads `objects` as YAML; JSON is YAML, and keeps the ARNs' references intact.
  const objects = JSON.stringify(secrets.map(({ key, arn }) => ({ objectName: arn, objectType: 'secretsmanager', objectAlias: key })));
  return { region, usePodIdentity: 'true', objects };
}
