import type { PolicyRule } from '@mockforge-infra/core';
import { cloudRunRules } from './cloud-run';
import { cloudSqlRules } from './cloud-sql';
import { edgeRules } from './edge';
import { gkeRules } from './gke';
import { memorystoreRules } from './memorystore';
import { networkRules } from './network';
import { storageRules } from './storage';

/** Every GCP row and GCP coverage gap of the policy reference that applies to what this package emits. */
export const gcpRules: readonly PolicyRule[] = [
  ...networkRules,
  ...cloudRunRules,
  ...cloudSqlRules,
  ...memorystoreRules,
  ...gkeRules,
  ...edgeRules,
  ...storageRules,
];
