import { CLOUD_RUN, type ProbeSpec, type TierProfile } from '@mockforge-infra/core';
import { CLOUD_RUN_CPU_STEPS, CLOUD_RUN_MIN_MEMORY_MIB, CLOUD_RUN_PROBE_LIMITS, OTEL_COLLECTOR } from '../sizing';

export interface CloudRunResources {
  readonly cpu: string;
  readonly memory: string;
}

/**
 * Container limits: production uses the guide's Cloud Run limits (2 CPU / 2 GiB; larger sizes scale
 * out, not up); smaller tiers take the tier's size rounded up to a CPU step Cloud Run accepts.
 */
export function cloudRunResources(profile: TierProfile): CloudRunResources {
  const wanted = profile.tier === 'production' ? { cpu: CLOUD_RUN.limits.cpu, memoryMiB: CLOUD_RUN.limits.memoryMiB } : profile.sizing;
  const cpu = CLOUD_RUN_CPU_STEPS.find((step) => step >= wanted.cpu) ?? CLOUD_RUN_CPU_STEPS[CLOUD_RUN_CPU_STEPS.length - 1];
  const memoryMiB = Math.max(wanted.memoryMiB, CLOUD_RUN_MIN_MEMORY_MIB[cpu]);
  return { cpu: String(cpu), memory: memoryMiB % 1024 === 0 ? `${memoryMiB / 1024}Gi` : `${memoryMiB}Mi` };
}

/** The OpenTelemetry collector sidecar's limits: production's, or the smaller ones of dev and staging. */
export function collectorResources(profile: TierProfile): CloudRunResources {
  return { ...OTEL_COLLECTOR.limits[profile.tier === 'production' ? 'production' : 'nonProduction'] };
}

export interface CloudRunProbe {
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  readonly httpGet: { readonly path: string; readonly port: number };
}

/** A core probe inside Cloud Run's limits: the period is clamped to the kind's range, the timeout to the period. */
export function cloudRunProbe(spec: ProbeSpec, kind: keyof typeof CLOUD_RUN_PROBE_LIMITS): CloudRunProbe {
  const limits = CLOUD_RUN_PROBE_LIMITS[kind];
  const periodSeconds = Math.min(Math.max(spec.periodSeconds, limits.minPeriod), limits.maxPeriod);
  return {
    periodSeconds,
    timeoutSeconds: Math.min(Math.max(spec.timeoutSeconds, 1), periodSeconds),
    failureThreshold: spec.failureThreshold,
    httpGet: { path: spec.path, port: spec.port },
  };
}
