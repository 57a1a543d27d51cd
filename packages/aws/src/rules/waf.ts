import { edgeProbes, type PolicyRule } from '@mockforge-infra/core';
import { refusedProbes } from '../load-balancing/waf-evaluator';
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
  customRule(
    {
      id: 'MF_AWS_1',
      severity: 'error',
      description: 'The web ACL admits valid mock traffic: every HTTP method and bodies up to the edge floor, without a User-Agent',
      resourceTypes: WEB_ACL,
    },
    (r) => {
      const json = attr(r.attributes, 'rule_json');
      if (typeof json !== 'string') return undefined;
      const defaultAllow = isSet(attr(r.attributes, 'default_action.allow'));
      const refused = refusedProbes(JSON.parse(json) as Record<string, unknown>[], edgeProbes(), defaultAllow);
      return refused.length === 0
        ? undefined
        : `blocks valid mock traffic: ${refused.slice(0, 3).join('; ')}${refused.length > 3 ? ` and ${refused.length - 3} more` : ''} (count the rule on that path, e.g. SizeRestrictions_BODY)`;
    },
  ),
];
