import { attr, type PolicyRule } from '@mockforge-infra/core';
import { equals } from './helpers';

const BUCKET = ['google_storage_bucket'];

export const storageRules: readonly PolicyRule[] = [
  equals(
    {
      id: 'CKV_GCP_29',
      aliases: ['GCP-0002'],
      severity: 'warning',
      description: 'Buckets use uniform bucket-level access',
      resourceTypes: BUCKET,
    },
    'uniform_bucket_level_access',
    true,
  ),
  equals(
    {
      id: 'CKV_GCP_114',
      aliases: ['GCP-0001'],
      severity: 'error',
      description: 'Buckets enforce public access prevention',
      resourceTypes: BUCKET,
    },
    'public_access_prevention',
    'enforced',
  ),
  equals(
    { id: 'CKV_GCP_78', aliases: ['GCP-0078'], severity: 'warning', description: 'Buckets keep object versions', resourceTypes: BUCKET },
    'versioning.enabled',
    true,
  ),
  {
    id: 'CKV_GCP_62',
    aliases: ['GCP-0077'],
    severity: 'warning',
    description: 'Buckets log access to another bucket',
    resourceTypes: BUCKET,
    check: (r) => {
      const target = attr(r.attributes, 'logging.log_bucket');
      if (!target) return 'no logging.log_bucket';
      return target === attr(r.attributes, 'name') ? 'logs to itself' : undefined;
    },
  },
];
