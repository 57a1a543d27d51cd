import { ANYWHERE_IPV4, type PolicyRule, type SynthesizedResource } from '@mockforge-infra/core';
import { attr, attrs, customRule, isSet } from './helpers';

const GROUP = 'aws_security_group';
const LEGACY_RULE = 'aws_security_group_rule';
const INGRESS = 'aws_vpc_security_group_ingress_rule';
const EGRESS = 'aws_vpc_security_group_egress_rule';
const ANYWHERE_IPV6 = '::/0';

interface NormalizedRule {
  readonly from?: number;
  readonly to?: number;
  readonly protocol: string;
  readonly cidrs: readonly string[];
}

const num = (v: unknown) => (v === undefined ? undefined : Number(v));

/** The ingress or egress rules a resource declares, whichever of the three shapes it uses. */
function rulesOf(resource: SynthesizedResource, direction: 'ingress' | 'egress'): NormalizedRule[] {
  const a = resource.attributes;
  switch (resource.type) {
    case GROUP:
      return (attrs(a, direction) as Record<string, unknown>[]).map((r) => ({
        from: num(r.from_port),
        to: num(r.to_port),
        protocol: String(r.protocol),
        cidrs: [...((r.cidr_blocks as string[]) ?? []), ...((r.ipv6_cidr_blocks as string[]) ?? [])],
      }));
    case LEGACY_RULE:
      if (attr(a, 'type') !== direction) return [];
      return [
        {
          from: num(a.from_port),
          to: num(a.to_port),
          protocol: String(a.protocol),
          cidrs: [...((a.cidr_blocks as string[]) ?? []), ...((a.ipv6_cidr_blocks as string[]) ?? [])],
        },
      ];
    case INGRESS:
    case EGRESS:
      if ((resource.type === INGRESS) !== (direction === 'ingress')) return [];
      return [
        {
          from: num(a.from_port),
          to: num(a.to_port),
          protocol: String(a.ip_protocol),
          cidrs: [a.cidr_ipv4, a.cidr_ipv6].filter((c): c is string => typeof c === 'string'),
        },
      ];
    default:
      return [];
  }
}

const open = (r: NormalizedRule) => r.cidrs.some((c) => c === ANYWHERE_IPV4 || c === ANYWHERE_IPV6);
const allProtocols = (r: NormalizedRule) => r.protocol === '-1' || r.protocol === 'all';
const covers = (r: NormalizedRule, port: number) => allProtocols(r) || ((r.from ?? 0) <= port && port <= (r.to ?? 65535));

function openIngressRule(
  id: string,
  meta: { aliases?: string[]; severity: 'error' | 'warning'; description: string },
  matches: (r: NormalizedRule) => boolean,
): PolicyRule {
  return customRule({ id, ...meta, resourceTypes: [GROUP, LEGACY_RULE, INGRESS] }, (resource) => {
    const bad = rulesOf(resource, 'ingress').filter((r) => open(r) && matches(r));
    return bad.length === 0 ? undefined : `ingress from anywhere: ${JSON.stringify(bad)}`;
  });
}

export const securityGroupRules: readonly PolicyRule[] = [
  openIngressRule('CKV_AWS_24', { aliases: ['AWS-0107'], severity: 'error', description: 'No SSH from anywhere' }, (r) => covers(r, 22)),
  openIngressRule('CKV_AWS_25', { aliases: ['AWS-0107'], severity: 'error', description: 'No RDP from anywhere' }, (r) => covers(r, 3389)),
  openIngressRule('CKV_AWS_260', { severity: 'warning', description: 'No HTTP (80) from anywhere' }, (r) => covers(r, 80)),
  openIngressRule('CKV_AWS_277', { severity: 'warning', description: 'No all-protocol ingress from anywhere' }, allProtocols),
  customRule(
    {
      id: 'CKV_AWS_382',
      aliases: ['AWS-0104'],
      severity: 'error',
      description: 'No egress to anywhere',
      resourceTypes: [GROUP, LEGACY_RULE, EGRESS],
    },
    (resource) => {
      const bad = rulesOf(resource, 'egress').filter(open);
      return bad.length === 0 ? undefined : `egress to anywhere: ${JSON.stringify(bad)}`;
    },
  ),
  customRule(
    {
      id: 'CKV_AWS_23',
      aliases: ['AWS-0099', 'AWS-0124'],
      severity: 'warning',
      description: 'Security groups and rules are described',
      resourceTypes: [GROUP, LEGACY_RULE, INGRESS, EGRESS],
    },
    (resource) => {
      if (!isSet(attr(resource.attributes, 'description'))) return 'description set';
      if (resource.type !== GROUP) return undefined;
      const inline = [...attrs(resource.attributes, 'ingress'), ...attrs(resource.attributes, 'egress')] as Record<string, unknown>[];
      return inline.every((r) => isSet(r.description)) ? undefined : 'every inline rule needs a description';
    },
  ),
];
