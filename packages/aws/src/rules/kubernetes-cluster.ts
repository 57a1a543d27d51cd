import { ANYWHERE_IPV4, type PolicyRule } from '@mockforge-infra/core';
import { attr, attrs, attributeRule, customRule, isFalse } from './helpers';

const CLUSTER = ['aws_eks_cluster'];
const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
const SUPPORTED_VERSIONS = ['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35'];

export const kubernetesClusterRules: readonly PolicyRule[] = [
  attributeRule(
    { id: 'CKV_AWS_39', aliases: ['AWS-0040'], severity: 'error', description: 'EKS API endpoint is private', resourceTypes: CLUSTER },
    'vpc_config.endpoint_public_access',
    isFalse,
    'vpc_config.endpoint_public_access = false',
  ),
  customRule(
    {
      id: 'CKV_AWS_38',
      aliases: ['AWS-0041'],
      severity: 'error',
      description: 'A public EKS endpoint is not open to the internet',
      resourceTypes: CLUSTER,
    },
    (r) => {
      if (isFalse(attr(r.attributes, 'vpc_config.endpoint_public_access'))) return undefined;
      const cidrs = attrs(r.attributes, 'vpc_config.public_access_cidrs');
      return cidrs.length > 0 && !cidrs.includes(ANYWHERE_IPV4) ? undefined : 'public_access_cidrs must be set and exclude 0.0.0.0/0';
    },
  ),
  customRule(
    { id: 'CKV_AWS_58', aliases: ['AWS-0039'], severity: 'error', description: 'EKS encrypts secrets with KMS', resourceTypes: CLUSTER },
    (r) =>
      attrs(r.attributes, 'encryption_config.resources').includes('secrets') ? undefined : 'encryption_config.resources = ["secrets"]',
  ),
  customRule(
    {
      id: 'CKV_AWS_37',
      aliases: ['AWS-0038'],
      severity: 'warning',
      description: 'EKS logs every control-plane component',
      resourceTypes: CLUSTER,
    },
    (r) => {
      const enabled = attrs(r.attributes, 'enabled_cluster_log_types');
      const missing = LOG_TYPES.filter((t) => !enabled.includes(t));
      return missing.length === 0 ? undefined : `enabled_cluster_log_types misses ${missing.join(', ')}`;
    },
  ),
  attributeRule(
    { id: 'CKV_AWS_339', severity: 'warning', description: 'EKS runs a supported Kubernetes version', resourceTypes: CLUSTER },
    'version',
    (v) => SUPPORTED_VERSIONS.includes(String(v)),
    `version in ${SUPPORTED_VERSIONS.join(', ')}`,
  ),
];
