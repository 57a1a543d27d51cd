import { albAlgorithm } from './algorithm';

describe('albAlgorithm', () => {
  it('maps the seed algorithms ALB supports', () => {
    expect(albAlgorithm('production', 'round-robin')).toBe('round_robin');
    expect(albAlgorithm('production', 'least-connections')).toBe('least_outstanding_requests');
    expect(albAlgorithm('production', 'weighted')).toBe('weighted_random');
  });

  it('rejects ip-hash naming the field, the value and the allowed values', () => {
    expect(() => albAlgorithm('staging', 'ip-hash')).toThrow(
      'tiers.staging.loadBalancing: got "ip-hash"; the AWS Application Load Balancer supports round-robin | least-connections | weighted',
    );
  });
});
