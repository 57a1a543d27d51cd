import type { PolicyRule } from '@mockforge-infra/core';
import { equals } from './helpers';

const REDIS = ['google_redis_instance'];

export const memorystoreRules: readonly PolicyRule[] = [
  equals({ id: 'CKV_GCP_95', severity: 'warning', description: 'Memorystore requires AUTH', resourceTypes: REDIS }, 'auth_enabled', true),
  equals(
    { id: 'CKV_GCP_97', severity: 'warning', description: 'Memorystore encrypts traffic in transit', resourceTypes: REDIS },
    'transit_encryption_mode',
    'SERVER_AUTHENTICATION',
  ),
  equals(
    { id: 'MF_GCP_12', severity: 'warning', description: 'Memorystore is STANDARD_HA (a replica in another zone)', resourceTypes: REDIS },
    'tier',
    'STANDARD_HA',
  ),
];
