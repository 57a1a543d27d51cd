import { ENV, OTLP_PORTS, PORTS, SERVE_COMMAND, TERMINATION_GRACE_SECONDS, type ServiceSpec } from '@mockforge-infra/core';
import { stringify } from 'yaml';
import { AWS_PLATFORM } from '../sizing';

export interface ContainerVolume {
  readonly name: string;
  readonly containerPath: string;
}

export interface ContainerDefinitionInput {
  readonly service: ServiceSpec;
  readonly image: string;
  /** Secret name → Secrets Manager ARN. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly logGroupName: string;
  readonly region: string;
  readonly volumes: readonly ContainerVolume[];
}

/** ECS cannot mount a file, so `--config` is dropped and the settings come from variables the server reads. */
export function ecsCommand(): string[] {
  const args = [...SERVE_COMMAND];
  const at = args.indexOf('--config');
  if (at >= 0) args.splice(at, 2);
  return args;
}

/** Settings from the config file that have an environment variable, plus the service's plain env. */
export function ecsEnvironment(service: ServiceSpec): Record<string, string> {
  return {
    ...service.env,
    [ENV.httpPort]: String(PORTS.http),
    [ENV.adminPort]: String(PORTS.admin),
    [ENV.adminHost]: '0.0.0.0',
    [ENV.otlpEndpoint]: `http://127.0.0.1:${OTLP_PORTS.grpc}`,
  };
}

export const OTEL_COLLECTOR_NAME = 'otel-collector';

/** Collector settings: OTLP from the app on localhost, traces to X-Ray. Sampling happens in the app. */
export function otelCollectorConfig(region: string): string {
  return stringify({
    receivers: {
      otlp: { protocols: { grpc: { endpoint: `127.0.0.1:${OTLP_PORTS.grpc}` }, http: { endpoint: `127.0.0.1:${OTLP_PORTS.http}` } } },
    },
    processors: { batch: {} },
    exporters: { awsxray: { region } },
    service: { pipelines: { traces: { receivers: ['otlp'], processors: ['batch'], exporters: ['awsxray'] } } },
  });
}

/** The ADOT collector sidecar; not essential, so a tracing outage never stops the mock server. */
export function otelCollectorContainer(region: string, logGroupName: string): Record<string, unknown> {
  return {
    name: OTEL_COLLECTOR_NAME,
    image: AWS_PLATFORM.otelCollectorImage,
    essential: false,
    environment: [{ name: 'AOT_CONFIG_CONTENT', value: otelCollectorConfig(region) }],
    readonlyRootFilesystem: true,
    privileged: false,
    linuxParameters: { capabilities: { drop: ['ALL'] } },
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': logGroupName,
        'awslogs-region': region,
        'awslogs-stream-prefix': OTEL_COLLECTOR_NAME,
        mode: 'non-blocking',
      },
    },
  };
}

/**
 * The MockForge container. No container health check: the image has no shell or curl and no
 * documented health subcommand, so health is the ALB's `/health/ready` target check.
 */
export function mockforgeContainer(input: ContainerDefinitionInput): Record<string, unknown> {
  const env = ecsEnvironment(input.service);
  return {
    name: input.service.name,
    image: input.image,
    essential: true,
    command: ecsCommand(),
    portMappings: input.service.ports.map((p) => ({ name: p.name, containerPort: p.port, hostPort: p.port, protocol: 'tcp' })),
    environment: Object.keys(env)
      .sort()
      .map((name) => ({ name, value: env[name] })),
    secrets: Object.keys(input.secrets)
      .sort()
      .map((name) => ({ name, valueFrom: input.secrets[name] })),
    readonlyRootFilesystem: true,
    privileged: false,
    linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
    mountPoints: input.volumes.map((v) => ({ sourceVolume: v.name, containerPath: v.containerPath, readOnly: false })),
    stopTimeout: TERMINATION_GRACE_SECONDS,
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': input.logGroupName,
        'awslogs-region': input.region,
        'awslogs-stream-prefix': input.service.name,
        mode: 'non-blocking',
      },
    },
  };
}
