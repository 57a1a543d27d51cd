import { CONFIG_FILE_NAME, OBSERVABILITY, PORTS } from '@mockforge-infra/core';
import { parse } from 'yaml';
import { contextFor, resourcesOf, synthTier } from '../testing/fixtures';

describe('namespace, ServiceAccount and config', () => {
  const json = synthTier('production').json;

  test('the namespace enforces, audits and warns on the restricted Pod Security Standard', () => {
    const [namespace] = resourcesOf(json, 'kubernetes_namespace_v1');
    expect(namespace!.metadata.name).toBe('mockforge-production');
    expect(namespace!.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
  });

  test('the ServiceAccount mounts no token', () => {
    const [account] = resourcesOf(json, 'kubernetes_service_account_v1');
    expect(account!.automount_service_account_token).toBe(false);
  });

  test('the ConfigMap holds the real mockforge.yaml', () => {
    const [configMap] = resourcesOf(json, 'kubernetes_config_map_v1');
    const content = configMap!.data[CONFIG_FILE_NAME];
    expect(content).toBe(contextFor('production').service.configFile.content);
    const yaml = parse(content);
    expect(yaml.http.port).toBe(PORTS.http);
    expect(yaml.http.port).toBe(3000);
    expect(yaml.admin).toMatchObject({ enabled: true, port: 9080 });
    expect(yaml.observability.prometheus).toEqual({ enabled: true, port: 9090, path: '/metrics' });
    expect(yaml.observability.opentelemetry.sampling_rate).toBe(OBSERVABILITY.tracing.sampleRate);
    expect(yaml.observability.opentelemetry.sampling_rate).toBe(0.1);
    expect(yaml.logging).toEqual({ level: 'info', json_format: true });
  });
});
