import { OTLP_PORTS } from '@mockforge-infra/core';
import { stringify } from 'yaml';

/**
 * The sidecar's configuration: OTLP in on localhost (MockForge samples at the guide's 10 % itself),
 * Application Insights out through the contrib distribution's azuremonitor exporter.
 */
export function collectorConfig(): string {
  return stringify(
    {
      receivers: {
        otlp: { protocols: { grpc: { endpoint: `localhost:${OTLP_PORTS.grpc}` }, http: { endpoint: `localhost:${OTLP_PORTS.http}` } } },
      },
      processors: { batch: {} },
      exporters: { azuremonitor: { connection_string: '${env:APPLICATIONINSIGHTS_CONNECTION_STRING}' } },
      service: { pipelines: { traces: { receivers: ['otlp'], processors: ['batch'], exporters: ['azuremonitor'] } } },
    },
    { lineWidth: 0 },
  );
}
