import type { PolicyRule } from '@mockforge-infra/core';
import { attr, attributeRule, customRule, isSet, isTrue } from './helpers';

export const networkRules: readonly PolicyRule[] = [
  customRule(
    {
      id: 'CKV2_AWS_12',
      aliases: ['AWS-0173'],
      severity: 'warning',
      description: 'The default security group allows nothing',
      resourceTypes: ['aws_vpc'],
    },
    (r, stack) => {
      const defaults = stack.referencing('aws_default_security_group', r);
      if (defaults.length === 0) return "no aws_default_security_group manages this VPC's default group";
      return defaults.every((d) => !isSet(attr(d.attributes, 'ingress')) && !isSet(attr(d.attributes, 'egress')))
        ? undefined
        : 'the default security group has rules';
    },
  ),
  customRule(
    { id: 'CKV2_AWS_11', aliases: ['AWS-0178'], severity: 'warning', description: 'VPC has flow logs', resourceTypes: ['aws_vpc'] },
    (r, stack) => (stack.referencing('aws_flow_log', r).length > 0 ? undefined : 'no aws_flow_log for this VPC'),
  ),
  attributeRule(
    { id: 'AWS-0164', severity: 'error', description: 'Subnets do not assign public IPs', resourceTypes: ['aws_subnet'] },
    'map_public_ip_on_launch',
    (v) => !isTrue(v),
    'map_public_ip_on_launch = false',
  ),
];
