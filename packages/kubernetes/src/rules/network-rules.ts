import { ANYWHERE_IPV4, attr, attrs, type PolicyRule, type SynthesizedResource } from '@mockforge-infra/core';
import { NAMESPACE_TYPES, NETWORK_POLICY_TYPES } from './workload-view';

const OPEN = [ANYWHERE_IPV4, '::/0'];

function openCidrs(path: string) {
  return (resource: SynthesizedResource) => {
    const open = attrs(resource.attributes, path).filter((c) => OPEN.includes(String(c)));
    return open.length > 0 ? `${path} allows ${[...new Set(open)].join(', ')}` : undefined;
  };
}

/** A policy that selects every pod of its namespace, covers both directions and allows nothing. */
export function isDefaultDeny(policy: SynthesizedResource): boolean {
  const a = policy.attributes;
  const selector = attr(a, 'spec.pod_selector');
  const selectsAll =
    selector === undefined ||
    (attrs(a, 'spec.pod_selector.match_labels').every((l) => Object.keys(l as object).length === 0) &&
      attrs(a, 'spec.pod_selector.match_expressions').length === 0);
  const types = attrs(a, 'spec.policy_types').map(String);
  return (
    selectsAll &&
    types.includes('Ingress') &&
    types.includes('Egress') &&
    attrs(a, 'spec.ingress').length === 0 &&
    attrs(a, 'spec.egress').length === 0
  );
}

export const networkRules: PolicyRule[] = [
  {
    id: 'KUBE-0001',
    aliases: ['AVD-KUBE-0001'],
    severity: 'error',
    description: 'Network policies do not admit traffic from any address',
    resourceTypes: NETWORK_POLICY_TYPES,
    check: openCidrs('spec.ingress.from.ip_block.cidr'),
  },
  {
    id: 'KUBE-0002',
    aliases: ['AVD-KUBE-0002'],
    severity: 'error',
    description: 'Network policies do not send traffic to any address',
    resourceTypes: NETWORK_POLICY_TYPES,
    check: openCidrs('spec.egress.to.ip_block.cidr'),
  },
  {
    id: 'MF_K8S_3',
    severity: 'warning',
    description: 'Every namespace has a default-deny NetworkPolicy for ingress and egress',
    resourceTypes: NAMESPACE_TYPES,
    check: (namespace, stack) => {
      const name = attr(namespace.attributes, 'metadata.name');
      const policies = NETWORK_POLICY_TYPES.flatMap((type) => [
        ...stack.referencing(type, namespace),
        ...stack.ofType(type).filter((p) => name !== undefined && attr(p.attributes, 'metadata.namespace') === name),
      ]);
      return policies.some(isDefaultDeny) ? undefined : 'no NetworkPolicy in the namespace selects every pod and allows nothing';
    },
  },
];
