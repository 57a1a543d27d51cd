import { attr, attrs, type PolicyRule, type SynthesizedResource } from '@mockforge-infra/core';
import { WORLD } from './helpers';

const FIREWALL = ['google_compute_firewall'];
const SUBNET = ['google_compute_subnetwork'];

/** True when an ingress rule admits `port` (undefined: any port) from the whole internet. */
function openToWorld(r: SynthesizedResource, port: number | undefined): boolean {
  if ((attr(r.attributes, 'direction') ?? 'INGRESS') !== 'INGRESS') return false;
  if (!attrs(r.attributes, 'source_ranges').some((c) => WORLD.includes(String(c)))) return false;
  const allows = (attrs(r.attributes, 'allow') as { protocol?: string; ports?: string[] }[]).filter(
    (a) => a.protocol === 'all' || a.protocol === 'tcp' || a.protocol === 'udp',
  );
  return allows.some((a) => {
    if (a.protocol === 'all' || !a.ports || a.ports.length === 0) return true;
    if (port === undefined) return false;
    return a.ports.some((p) => {
      const [low, high = low] = String(p).split('-').map(Number);
      return port >= low! && port <= high!;
    });
  });
}

function worldIngress(id: string, port: number | undefined, what: string): PolicyRule {
  return {
    id,
    aliases: ['GCP-0027'],
    severity: 'error',
    description: `Firewall rules do not open ${what} to 0.0.0.0/0`,
    resourceTypes: FIREWALL,
    check: (r) => (openToWorld(r, port) ? `${what} is open to the internet` : undefined),
  };
}

export const networkRules: readonly PolicyRule[] = [
  {
    id: 'GCP-0035',
    aliases: ['AVD-GCP-0035'],
    severity: 'error',
    description: 'Firewall rules do not allow egress to 0.0.0.0/0',
    resourceTypes: FIREWALL,
    check: (r) =>
      attr(r.attributes, 'direction') === 'EGRESS' &&
      attrs(r.attributes, 'allow').length > 0 &&
      attrs(r.attributes, 'destination_ranges').some((c) => WORLD.includes(String(c)))
        ? 'allows egress to the whole internet'
        : undefined,
  },
  worldIngress('CKV_GCP_2', 22, 'SSH (22)'),
  worldIngress('CKV_GCP_3', 3389, 'RDP (3389)'),
  worldIngress('CKV_GCP_106', 80, 'HTTP (80)'),
  worldIngress('CKV2_GCP_12', undefined, 'every port'),
  {
    id: 'CKV_GCP_26',
    aliases: ['GCP-0076'],
    severity: 'warning',
    description: 'Subnets have VPC flow logs',
    resourceTypes: SUBNET,
    check: (r) => (attr(r.attributes, 'log_config') ? undefined : 'no log_config'),
  },
  {
    id: 'CKV_GCP_74',
    aliases: ['GCP-0075'],
    severity: 'warning',
    description: 'Subnets have private Google access',
    resourceTypes: SUBNET,
    check: (r) => (attr(r.attributes, 'private_ip_google_access') === true ? undefined : 'private_ip_google_access is not true'),
  },
];
