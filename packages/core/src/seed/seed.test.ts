// Pins the hosting guide's numbers: a change here is a change to the product brief.
import {
  ALERTS,
  asPercent,
  BACKUPS,
  CDN_TTLS,
  CIRCUIT_BREAKERS,
  CLOUD_RUN,
  ECS,
  HA_MINIMUMS,
  hpaBehaviorFor,
  KUBERNETES_HPA,
  NETWORK_POLICY,
  OBSERVABILITY,
  PORTS,
  PROBES,
  RECOVERY_OBJECTIVES,
  REQUEST_SCALING,
  SCALING_PRESETS,
  TARGET_HEALTH,
  TIER_SIZING,
} from '.';

describe('the hosting guide numbers', () => {
  it('sizes the tiers', () => {
    expect(TIER_SIZING).toMatchObject({
      dev: { instances: 1, memoryMiB: 512, cpu: 0.5 },
      staging: { instances: 2, memoryMiB: 1024, cpu: 1 },
      small: { instances: 3, memoryMiB: 2048, cpu: 2 },
      medium: { instances: 5, memoryMiB: 4096, cpu: 4 },
      large: { instances: 10, memoryMiB: 8192, cpu: 8 },
    });
    expect(HA_MINIMUMS).toEqual({
      minimum: { instancesPerRegion: 2, availabilityZones: 2 },
      production: { instancesPerRegion: 3, availabilityZones: 3 },
    });
  });

  it('probes the HTTP port on /health/*, never /ping', () => {
    expect(PROBES.liveness).toEqual({
      path: '/health/live',
      port: 3000,
      periodSeconds: 30,
      timeoutSeconds: 5,
      failureThreshold: 3,
      successThreshold: 1,
    });
    expect(PROBES.readiness).toEqual({
      path: '/health/ready',
      port: 3000,
      periodSeconds: 10,
      timeoutSeconds: 3,
      failureThreshold: 3,
      successThreshold: 1,
    });
    expect(PROBES.startup).toEqual({
      path: '/health/startup',
      port: 3000,
      periodSeconds: 5,
      timeoutSeconds: 2,
      failureThreshold: 30,
      successThreshold: 1,
    });
    expect(JSON.stringify({ PROBES, TARGET_HEALTH })).not.toContain('/ping');
  });

  it('checks load balancer targets on readiness without stickiness', () => {
    expect(TARGET_HEALTH).toMatchObject({
      path: '/health/ready',
      port: 3000,
      intervalSeconds: 30,
      timeoutSeconds: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 3,
      stickiness: false,
    });
  });

  it('scales like the guide', () => {
    expect(KUBERNETES_HPA).toMatchObject({ minReplicas: 2, maxReplicas: 20, cpuTargetPercent: 70, memoryTargetPercent: 80 });
    expect(KUBERNETES_HPA.behavior).toEqual({
      scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
      scaleUp: {
        stabilizationWindowSeconds: 0,
        policies: [
          { type: 'Percent', value: 100, periodSeconds: 15 },
          { type: 'Pods', value: 4, periodSeconds: 15 },
        ],
        selectPolicy: 'Max',
      },
    });
    expect(CLOUD_RUN).toMatchObject({
      minInstances: 2,
      maxInstances: 100,
      targetConcurrencyPercent: 80,
      containerConcurrency: 80,
      limits: { cpu: 2, memoryMiB: 2048 },
    });
    expect(ECS).toEqual({ minTasks: 2, maxTasks: 50, cpuTargetPercent: 70, memoryTargetPercent: 80 });
    expect(REQUEST_SCALING).toEqual({ scaleUpPerMinute: 1000, scaleDownPerMinute: 200 });
  });

  it('defines the three scaling presets; balanced is the guide HPA block', () => {
    expect(SCALING_PRESETS.conservative).toMatchObject({ cpuTargetPercent: 60, scaleUpSeconds: 300, scaleDownSeconds: 120 });
    expect(SCALING_PRESETS.balanced).toMatchObject({ cpuTargetPercent: 70, scaleUpSeconds: 120, scaleDownSeconds: 300 });
    expect(SCALING_PRESETS.aggressive).toMatchObject({ cpuTargetPercent: 80, scaleUpSeconds: 30, scaleDownSeconds: 600 });
    expect(hpaBehaviorFor('balanced')).toBe(KUBERNETES_HPA.behavior);
    expect(hpaBehaviorFor('aggressive').scaleUp.stabilizationWindowSeconds).toBe(30);
    expect(hpaBehaviorFor('conservative').scaleDown.stabilizationWindowSeconds).toBe(120);
    expect(hpaBehaviorFor('conservative').scaleUp.policies).toEqual(KUBERNETES_HPA.behavior.scaleUp.policies);
  });

  it('alerts on the four conditions with their durations and severities', () => {
    expect(Object.values(ALERTS).map((a) => [a.name, a.comparison, a.threshold, a.durationSeconds, a.severity])).toEqual([
      ['high_error_rate', 'above', 0.05, 300, 'critical'],
      ['high_latency', 'above', 1000, 300, 'warning'],
      ['low_availability', 'below', 0.99, 600, 'critical'],
      ['high_memory_usage', 'above', 0.9, 300, 'warning'],
    ]);
    expect(ALERTS.highLatency.percentile).toBe(95);
    expect(asPercent(ALERTS.highErrorRate)).toBe(5);
    expect(asPercent(ALERTS.lowAvailability)).toBe(99);
    expect(() => asPercent(ALERTS.highLatency)).toThrow(/not a ratio/);
  });

  it('keeps circuit breakers, backups and recovery objectives', () => {
    expect(CIRCUIT_BREAKERS).toEqual({
      default: { failureThreshold: 5, successThreshold: 2, timeoutSeconds: 60, halfOpenRequests: 3 },
      database: { failureThreshold: 10, successThreshold: 2, timeoutSeconds: 30, halfOpenRequests: 3 },
      redis: { failureThreshold: 5, successThreshold: 2, timeoutSeconds: 15, halfOpenRequests: 3 },
      externalApi: { failureThreshold: 3, successThreshold: 2, timeoutSeconds: 10, halfOpenRequests: 3 },
    });
    expect(BACKUPS).toEqual({
      database: { cron: '0 2 * * *', retentionDays: 30 },
      state: { cron: '0 */6 * * *', retentionDays: 7 },
      config: { cron: '0 0 * * *', retentionDays: 90 },
    });
    expect(RECOVERY_OBJECTIVES).toEqual({ rtoMinutes: 60, rpoMinutes: 15 });
  });

  it('expresses the network policy, observability and CDN TTLs', () => {
    expect(NETWORK_POLICY.publicIngress).toMatchObject({ ports: [443, 80], cidrs: ['0.0.0.0/0'] });
    expect(NETWORK_POLICY.internalIngress).toMatchObject({ ports: [3000, 9080], cidrs: ['10.0.0.0/8'] });
    expect(NETWORK_POLICY.egress).toMatchObject({ ports: [443, 80, 53] });
    expect(OBSERVABILITY).toEqual({
      metrics: { port: 9090, path: '/metrics' },
      tracing: { sampleRate: 0.1 },
      logging: { level: 'info', format: 'json' },
    });
    expect(PORTS).toEqual({ http: 3000, websocket: 3001, grpc: 50051, admin: 9080, metrics: 9090 });
    expect(CDN_TTLS).toEqual({ assetsSeconds: 86400, configsSeconds: 3600, apiSeconds: 0 });
  });
});
