import type { PolicyRule } from '@mockforge-infra/core';
import { cacheRules } from './cache';
import { cdnRules } from './cdn';
import { containerRules } from './containers';
import { databaseRules } from './database';
import { keyAndLogRules } from './keys-and-logs';
import { kubernetesClusterRules } from './kubernetes-cluster';
import { loadBalancerRules } from './load-balancer';
import { networkRules } from './network';
import { securityGroupRules } from './security-group';
import { storageRules } from './storage';
import { wafRules } from './waf';

/** Every AWS row of the policy reference for the resource types this package emits. */
export const awsRules: readonly PolicyRule[] = [
  ...databaseRules,
  ...cacheRules,
  ...loadBalancerRules,
  ...cdnRules,
  ...wafRules,
  ...storageRules,
  ...securityGroupRules,
  ...networkRules,
  ...containerRules,
  ...kubernetesClusterRules,
  ...keyAndLogRules,
];
