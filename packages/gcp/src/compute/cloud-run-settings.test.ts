import { PROBES, tierProfile, type ProductionSize, type ScalingPresetName, type TierName } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { GcpRegionalStack } from '../stacks/regional-stack';
import { gcpContext, noPolicy, resourcesOf, synthJson } from '../testing/fixtures';
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

/** Instances per region and container limits, written out per tier (production: per size). */
const CLOUD_RUN_TABLE: Readonly<Record<string, { min: number; max: number; cpu: string; memory: string; collectorCpu: string }>> = {
  dev: { min: 0, max: 2, cpu: '1', memory: '512Mi', collectorCpu: '250m' },
  staging: { min: 2, max: 4, cpu: '1', memory: '1Gi', collectorCpu: '250m' },
  'production small': { min: 3, max: 100, cpu: '2', memory: '2Gi', collectorCpu: '1' },
  'production medium': { min: 5, max: 100, cpu: '2', memory: '2Gi', collectorCpu: '1' },
  'production large': { min: 10, max: 100, cpu: '2', memory: '2Gi', collectorCpu: '1' },
};

/** The Cloud Run service of a tier's primary region. */
function cloudRunService(tier: TierName, changes: { scalingPreset?: ScalingPresetName; size?: ProductionSize } = {}): Record<string, any> {
  const context = gcpContext(tier, changes);
  const stack = new GcpRegionalStack(Testing.app(), { context, region: context.topology.primaryRegion, policy: noPolicy() });
  const services = resourcesOf(synthJson(stack), 'google_cloud_run_v2_service') as Record<string, any>[];
  expect(services).toHaveLength(1);
  return services[0]!;
}

function expectCloudRun(service: Record<string, any>, row: keyof typeof CLOUD_RUN_TABLE): void {
  const { min, max, cpu, memory, collectorCpu } = CLOUD_RUN_TABLE[row]!;
  expect(service.template.scaling).toEqual({ min_instance_count: min, max_instance_count: max });
  // Cloud Run scales on concurrent requests: 80 per instance on every tier and preset.
  expect(service.template.max_instance_request_concurrency).toBe(80);
  expect(service.template.containers[0].resources).toEqual({ limits: { cpu, memory }, cpu_idle: true, startup_cpu_boost: true });
  // The collector sidecar: a quarter vCPU beside MockForge's 1 in dev and staging, 1 vCPU in production.
  expect(service.template.containers[1].name).toBe('otel-collector');
  // Startup CPU boost on both containers, or a revision may start without it (see cloud-run-service.ts).
  expect(service.template.containers[1].resources).toEqual({
    limits: { cpu: collectorCpu, memory: '512Mi' },
    cpu_idle: true,
    startup_cpu_boost: true,
  });
}

describe('Cloud Run scaling', () => {
  const TIERS = ['dev', 'staging', 'production'] as const;
  const PRESETS = ['conservative', 'balanced', 'aggressive'] as const;
  const row = (tier: TierName) => (tier === 'production' ? 'production medium' : tier);

  it.each(TIERS.flatMap((tier) => PRESETS.map((preset) => [tier, preset] as const)))(
    'the %s tier with the %s preset runs the tier’s instance range at 80 concurrent requests',
    (tier, scalingPreset) => {
      expectCloudRun(cloudRunService(tier, { scalingPreset }), row(tier));
    },
  );

  it.each(['small', 'medium', 'large'] as const)('production size %s sets the minimum; the guide caps it at 100', (size) => {
    expectCloudRun(cloudRunService('production', { size }), `production ${size}`);
  });
});
