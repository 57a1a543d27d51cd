import { KNOWN_REGIONS } from '@mockforge-infra/core';
import { resourceName, shortName, shortRegion } from './naming';

describe('naming', () => {
  it('shortens every known region uniquely', () => {
    const regions = Object.keys(KNOWN_REGIONS.gcp);
    expect(new Set(regions.map(shortRegion)).size).toBe(regions.length);
    expect(shortRegion('us-central1')).toBe('usc1');
    expect(shortRegion('asia-southeast1')).toBe('asiase1');
  });

  it('keeps service account ids within 30 characters', () => {
    for (const region of Object.keys(KNOWN_REGIONS.gcp)) expect(shortName('production', region, 'redis').length).toBeLessThanOrEqual(30);
    expect(resourceName('dev', 'us-central1')).toBe('mockforge-dev-us-central1');
  });
});
