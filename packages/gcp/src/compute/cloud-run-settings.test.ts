import { PROBES, tierProfile } from '@mockforge-infra/core';
import { cloudRunProbe, cloudRunResources } from './cloud-run-settings';
import { mirroredImage } from './image-repository';

describe('Cloud Run settings', () => {
  it('maps tier sizes to Cloud Run CPU steps', () => {
    expect(cloudRunResources(tierProfile('dev', { regions: {} }))).toEqual({ cpu: '1', memory: '512Mi' });
    expect(cloudRunResources(tierProfile('staging', { regions: {} }))).toEqual({ cpu: '1', memory: '1Gi' });
    expect(cloudRunResources(tierProfile('production', { regions: {}, size: 'large' }))).toEqual({ cpu: '2', memory: '2Gi' });
  });

  it('keeps the seed probes unchanged (they fit Cloud Run limits) and clamps what does not', () => {
    expect(cloudRunProbe(PROBES.startup, 'startup')).toMatchObject({ periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 30 });
    expect(cloudRunProbe({ ...PROBES.startup, periodSeconds: 500, timeoutSeconds: 600 }, 'startup')).toMatchObject({
      periodSeconds: 240,
      timeoutSeconds: 240,
    });
  });

  it('mirrors ghcr.io images by tag or digest', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(mirroredImage(`ghcr.io/saasy-solutions/mockforge@${digest}`, 'r')).toBe(`r/saasy-solutions/mockforge@${digest}`);
    expect(mirroredImage('ghcr.io/saasy-solutions/mockforge:0.3.213', 'r')).toBe('r/saasy-solutions/mockforge:0.3.213');
  });
});
