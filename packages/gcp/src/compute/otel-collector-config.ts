import { OTLP_PORTS } from '@mockforge-infra/core';
import { stringify } from 'yaml';
import { OTEL_COLLECTOR } from '../sizing';

/** The sidecar's config: OTLP in on localhost, traces out to Cloud Trace with the service account's credentials. */
export function renderCollectorConfig(): string {
  return stringify(
    {
      receivers: {
        otlp: { protocols: { grpc: { endpoint: `localhost:${OTLP_PORTS.grpc}` }, http: { endpoint: `localhost:${OTLP_PORTS.http}` } } },
      },
      processors: {
        memory_limiter: { check_interval: '1s', limit_percentage: 65, spike_limit_percentage: 20 },
        resourcedetection: { detectors: ['env', 'gcp'], timeout: '2s', override: false },
        batch: {},
      },
      exporters: { googlecloud: {} },
      extensions: { health_check: { endpoint: `0.0.0.0:${OTEL_COLLECTOR.healthPort}` } },
      service: {
        extensions: ['health_check'],
        pipelines: {
          traces: { receivers: ['otlp'], processors: ['memory_limiter', 'resourcedetection', 'batch'], exporters: ['googlecloud'] },
        },
      },
    },
    { sortMapEntries: false, lineWidth: 0 },
  );
}
