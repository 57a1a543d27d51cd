import { PORTS } from './runtime';

/** Network policy (hosting guide: Security Considerations). */
export const ANYWHERE_IPV4 = '0.0.0.0/0';
export const PUBLIC_PORTS = { https: 443, http: 80 } as const;
export const DNS_PORT = 53;
export const INTERNAL_CIDR = '10.0.0.0/8';

export interface PortRule {
  readonly ports: readonly number[];
  readonly cidrs: readonly string[];
  readonly description: string;
}

export const NETWORK_POLICY = {
  publicIngress: {
    ports: [PUBLIC_PORTS.https, PUBLIC_PORTS.http],
    cidrs: [ANYWHERE_IPV4],
    description: 'HTTPS and HTTP (redirected) from anywhere, at the load balancer only',
  },
  internalIngress: {
    ports: [PORTS.http, PORTS.admin],
    cidrs: [INTERNAL_CIDR],
    description: 'Mock traffic and admin API from inside the private network',
  },
  egress: { ports: [PUBLIC_PORTS.https, PUBLIC_PORTS.http, DNS_PORT], cidrs: [ANYWHERE_IPV4], description: 'HTTPS, HTTP and DNS out' },
} as const satisfies Record<string, PortRule>;

/** Why egress to any address is allowed on those ports; scanners flag it (KUBE-0002, GCP-0035). */
export const PUBLIC_EGRESS_REASON =
  'the hosting guide allows HTTPS and HTTP egress to anywhere (remote OpenAPI specs, webhooks, proxied upstreams); every other port is limited to named peers';
