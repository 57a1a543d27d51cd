import { stringify } from 'yaml';
import { CONFIG_FILE_PATH, ENV, OBSERVABILITY, PORTS, PROBES, SECRET_KEYS, SERVE_COMMAND, type ProbeSpec, type SecretKey } from '../seed';
import type { FeaturesConfig } from '../config/model';

export interface ServicePort {
  readonly name: 'http' | 'ws' | 'grpc' | 'admin' | 'metrics';
  readonly port: number;
  /** Reachable through the public load balancer. */
  readonly public: boolean;
}

/** What runs: the container, its ports, probes, environment, config file and secrets. */
export interface ServiceSpec {
  readonly name: string;
  readonly image: string;
  readonly args: readonly string[];
  readonly ports: readonly ServicePort[];
  readonly probes: Readonly<Record<'liveness' | 'readiness' | 'startup', ProbeSpec>>;
  /** Plain settings only; secrets never appear here. */
  readonly env: Readonly<Record<string, string>>;
  readonly configFile: { readonly path: string; readonly content: string };
  readonly secretKeys: readonly SecretKey[];
}

export const SERVICE_NAME = 'mockforge';

/** The mockforge.yaml the server reads with `serve --config`. */
export function renderMockforgeYaml(features: FeaturesConfig): string {
  const document = {
    http: { port: PORTS.http, host: '0.0.0.0' },
    ...(features.websocketPort ? { websocket: { port: PORTS.websocket } } : {}),
    ...(features.grpc ? { grpc: { port: PORTS.grpc } } : {}),
    admin: { enabled: true, port: PORTS.admin, host: '0.0.0.0', auth_required: true },
    observability: {
      prometheus: { enabled: true, port: OBSERVABILITY.metrics.port, path: OBSERVABILITY.metrics.path },
      opentelemetry: { enabled: true, service_name: SERVICE_NAME, sampling_rate: OBSERVABILITY.tracing.sampleRate },
    },
    // MockForge's logging section has `level` and a `json_format` switch; it ignores unknown keys such as `format`.
    logging: { level: OBSERVABILITY.logging.level, json_format: OBSERVABILITY.logging.format === 'json' },
  };
  return stringify(document, { sortMapEntries: false, lineWidth: 0 });
}

export function serviceSpec(image: string, features: FeaturesConfig = {}): ServiceSpec {
  const ports: ServicePort[] = [
    { name: 'http', port: PORTS.http, public: true },
    ...(features.websocketPort ? [{ name: 'ws' as const, port: PORTS.websocket, public: true }] : []),
    ...(features.grpc ? [{ name: 'grpc' as const, port: PORTS.grpc, public: true }] : []),
    { name: 'admin', port: PORTS.admin, public: false },
    { name: 'metrics', port: PORTS.metrics, public: false },
  ];
  return {
    name: SERVICE_NAME,
    image,
    args: SERVE_COMMAND,
    ports,
    probes: PROBES,
    env: {
      [ENV.adminEnabled]: 'true',
      [ENV.wsPort]: features.websocketPort ? String(PORTS.websocket) : '0',
      [ENV.otlpSamplingRate]: String(OBSERVABILITY.tracing.sampleRate),
      [ENV.otlpServiceName]: SERVICE_NAME,
      [ENV.logLevel]: OBSERVABILITY.logging.level,
    },
    configFile: { path: CONFIG_FILE_PATH, content: renderMockforgeYaml(features) },
    secretKeys: SECRET_KEYS,
  };
}
