import { str } from './schema';

export const CIDR_SCHEMA = str({ pattern: /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, describe: 'an IPv4 CIDR such as 10.20.0.0/16' });

/** A DNS name with at least two labels, e.g. mocks.example.com. */
export const DOMAIN_PATTERN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
