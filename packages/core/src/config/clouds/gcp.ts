import { list, obj, required, str } from '../schema';
import { CIDR_SCHEMA } from '../shared-schemas';

/** `gcp:` settings. */
export interface GcpSettings {
  /** The project every GCP resource lives in. */
  readonly project: string;
  /** CIDRs allowed to reach the GKE control plane (master authorized networks). */
  readonly gkeMasterAuthorizedCidrs?: readonly string[];
}

export const GCP_SETTINGS_SCHEMA = obj({
  project: required(
    str({ pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, describe: 'a GCP project id (6-30 lowercase letters, digits, hyphens)' }),
  ),
  gkeMasterAuthorizedCidrs: list(CIDR_SCHEMA, { unique: true }),
});
