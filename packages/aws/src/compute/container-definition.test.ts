import { CONFIG_FILE_PATH, ENV, SECRET_KEYS, serviceSpec, WRITABLE_PATHS } from '@mockforge-infra/core';
import { parse } from 'yaml';
import { ecsCommand, ecsEnvironment, mockforgeContainer, otelCollectorConfig } from './container-definition';

const service = serviceSpec('ghcr.io/saasy-solutions/mockforge:0.3.213');

describe('mockforge container', () => {
  const container = mockforgeContainer({
    service,
    image: 'example.dkr.ecr.us-east-1.amazonaws.com/mockforge-dev-ghcr/saasy-solutions/mockforge:0.3.213',
    secrets: Object.fromEntries(SECRET_KEYS.map((k) => [k, `arn:aws:secretsmanager:us-east-1:111122223333:secret:${k}`])),
    logGroupName: '/aws/ecs/mockforge',
    region: 'us-east-1',
    volumes: [{ name: 'data', containerPath: WRITABLE_PATHS.data }],
  }) as Record<string, any>;

  it('drops --config, since ECS cannot mount the file', () => {
    expect(ecsCommand()).toEqual(['serve', '--admin']);
    expect(container.command).not.toContain(CONFIG_FILE_PATH);
  });

  it('passes secrets by valueFrom and never in environment', () => {
    const envNames = (container.environment as { name: string }[]).map((e) => e.name);
    for (const key of SECRET_KEYS) expect(envNames).not.toContain(key);
    expect((container.secrets as { name: string; valueFrom: string }[]).map((s) => s.name).sort()).toEqual([...SECRET_KEYS].sort());
  });

  it('runs read-only and unprivileged, exposes 3000/9080/9090 and logs with awslogs', () => {
    expect(container.readonlyRootFilesystem).toBe(true);
    expect(container.privileged).toBe(false);
    expect(container.portMappings.map((p: { containerPort: number }) => p.containerPort)).toEqual([3000, 9080, 9090]);
    expect(container.logConfiguration.logDriver).toBe('awslogs');
    expect(container.mountPoints[0].containerPath).toBe('/app/data');
  });

  it('sends traces to the local collector at the seed sampling rate', () => {
    const env = ecsEnvironment(service);
    expect(env[ENV.otlpSamplingRate]).toBe('0.1');
    expect(env[ENV.otlpEndpoint]).toBe('http://127.0.0.1:4317');
    expect(parse(otelCollectorConfig('eu-west-1')).exporters.awsxray.region).toBe('eu-west-1');
  });
});
