import { TIER_SIZING, type SizeName } from '@mockforge-infra/core';
import { splitImage } from './compute/registry';
import { mockforgeResources } from './compute/container-app';
import { aksNodePlan } from './compute/aks-cluster';
import { AZURE_SIZES, containerAppsShapeIsValid, OTEL_COLLECTOR } from './sizing';
import { azureContext } from './testing/fixtures';

const SIZES: SizeName[] = ['dev', 'staging', 'small', 'medium', 'large'];

describe('the Azure sizing table', () => {
  it('maps every guide size to a replica Container Apps accepts, dedicated only above 4 vCPU / 8 GiB', () => {
    expect(SIZES.map((s) => [s, AZURE_SIZES[s].containerApps])).toEqual([
      ['dev', { workloadProfileType: 'Consumption', cpu: 0.75, memoryGi: 1.5 }],
      ['staging', { workloadProfileType: 'Consumption', cpu: 1.25, memoryGi: 2.5 }],
      ['small', { workloadProfileType: 'Consumption', cpu: 2.25, memoryGi: 4.5 }],
      ['medium', { workloadProfileType: 'Consumption', cpu: 4, memoryGi: 8 }],
      ['large', { workloadProfileType: 'D16', cpu: 8.25, memoryGi: 16.5 }],
    ]);
    for (const s of SIZES) expect(containerAppsShapeIsValid(AZURE_SIZES[s].containerApps)).toBe(true);
  });

  it('rejects pairs Container Apps refuses', () => {
    expect(containerAppsShapeIsValid({ workloadProfileType: 'Consumption', cpu: 4.25, memoryGi: 8.5 })).toBe(false);
    expect(containerAppsShapeIsValid({ workloadProfileType: 'Consumption', cpu: 1, memoryGi: 1 })).toBe(false);
    expect(containerAppsShapeIsValid({ workloadProfileType: 'Consumption', cpu: 0.3, memoryGi: 0.6 })).toBe(false);
  });

  it('gives MockForge at least the guide vCPU (medium: the consumption ceiling less the collector) and memory', () => {
    for (const s of SIZES) {
      const { cpu, memory } = mockforgeResources(AZURE_SIZES[s].containerApps);
      expect(cpu + OTEL_COLLECTOR.cpu).toBe(AZURE_SIZES[s].containerApps.cpu);
      expect(parseFloat(memory) * 1024).toBeGreaterThanOrEqual(TIER_SIZING[s].memoryMiB);
      if (s !== 'medium') expect(cpu).toBe(TIER_SIZING[s].cpu);
    }
    expect(mockforgeResources(AZURE_SIZES.medium.containerApps)).toEqual({ cpu: 3.75, memory: '7.5Gi' });
  });

  it('sizes the AKS user pool from the pods, at least the guide 3-10 nodes unless the pods need more', () => {
    const plan = (tier: 'dev' | 'staging' | 'production', size?: 'small' | 'large') => {
      const p = aksNodePlan(azureContext(tier, size ? { size } : {}));
      return [p.machine.name, p.minNodes, p.maxNodes];
    };
    expect(plan('dev')).toEqual(['Standard_D2s_v5', 3, 10]);
    expect(plan('production', 'small')).toEqual(['Standard_D4s_v5', 3, 25]);
    expect(plan('production', 'large')).toEqual(['Standard_D8s_v5', 10, 25]);
  });
});

describe('splitImage', () => {
  it('keeps a tag or a digest after the repository', () => {
    expect(splitImage('ghcr.io/saasy-solutions/mockforge:0.3.213')).toEqual({
      repository: 'saasy-solutions/mockforge',
      reference: ':0.3.213',
    });
    expect(splitImage(`ghcr.io/saasy-solutions/mockforge@sha256:${'a'.repeat(64)}`)).toEqual({
      repository: 'saasy-solutions/mockforge',
      reference: `@sha256:${'a'.repeat(64)}`,
    });
  });
});
