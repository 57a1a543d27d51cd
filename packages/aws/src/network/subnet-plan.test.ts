import { subnetCidr } from './subnet-plan';

describe('subnetCidr', () => {
  it('gives each tier a block of four subnets four bits smaller than the VPC', () => {
    expect(subnetCidr('10.48.0.0/16', 'public', 0)).toBe('10.48.0.0/20');
    expect(subnetCidr('10.48.0.0/16', 'private', 2)).toBe('10.48.96.0/20');
    expect(subnetCidr('10.48.0.0/16', 'data', 1)).toBe('10.48.144.0/20');
  });

  it('fits three AZs in the smallest VPC core allows (/20)', () => {
    expect(subnetCidr('10.1.16.0/20', 'data', 2)).toBe('10.1.26.0/24');
  });
});
