import type { PolicyRule } from '@mockforge-infra/core';
import { attr, customRule, isSet } from './helpers';

const WEB_ACL = ['aws_wafv2_web_acl'];

export const wafRules: readonly PolicyRule[] = [
  customRule(
    { id: 'CKV2_AWS_31', severity: 'warning', description: 'WAF web ACL logs its requests', resourceTypes: WEB_ACL },
    (r, stack) => {
      const logged = stack
        .ofType('aws_wafv2_web_acl_logging_configuration')
        .some(
          (c) =>
            stack.resolve(attr(c.attributes, 'resource_arn'))?.address === r.address &&
            isSet(attr(c.attributes, 'log_destination_configs')),
        );
      return logged ? undefined : 'no aws_wafv2_web_acl_logging_configuration with a destination for this web ACL';
    },
  ),
];
