import { overlaps, parseCidr } from '@mockforge-infra/core';
import { addressPlan } from './address-plan';

describe('addressPlan', () => {
  it.each(['10.16.0.0/16', '10.200.0.0/20'])('carves %s into non-overlapping ranges', (cidr) => {
    const blocks = Object.values(addressPlan(cidr)).map((c) => parseCidr(c)!);
    blocks.forEach((a, i) => blocks.slice(i + 1).forEach((b) => expect(overlaps(a, b)).toBe(false)));
  });

  it('gives the control plane a /28', () => {
    expect(addressPlan('10.16.0.0/16')).toEqual({
      nodes: '10.16.0.0/17',
      pods: '10.16.128.0/18',
      services: '10.16.192.0/20',
      privateServiceAccess: '10.16.208.0/20',
      gkeControlPlane: '10.16.224.0/28',
    });
  });
});
