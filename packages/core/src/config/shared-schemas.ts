import { parseCidr } from './cidr';
import { str } from './schema';

export const CIDR_SCHEMA = str({
  accepts: (value) => parseCidr(value) !== undefined,
  describe: 'an IPv4 network address in CIDR form, such as 10.20.0.0/16 (octets up to 255, prefix up to 32, no host bits)',
});

/** A Kubernetes object or namespace name. */
export const DNS_LABEL = str({ pattern: /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, describe: 'a Kubernetes name (DNS label)' });

/** A DNS name with at least two labels, e.g. mocks.example.com. */
export const DOMAIN_PATTERN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
