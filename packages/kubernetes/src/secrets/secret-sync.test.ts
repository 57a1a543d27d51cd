import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Testing, TerraformStack } from 'cdktf';
import { WorkloadSecretSync } from './secret-sync';

function sync(provider: string, parameters: Record<string, string>) {
  const stack = new TerraformStack(Testing.app(), 'sync');
  const namespace = new Manifest(stack, 'namespace', { manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } } });
  const secretSync = new WorkloadSecretSync(stack, 'secret_sync', {
    namespace: 'ns',
    dependsOn: [namespace],
    name: 'app-secrets',
    provider,
    parameters,
    keys: ['DATABASE_URL', 'REDIS_URL'],
    labels: { team: 'a' },
  });
  const json = JSON.parse(Testing.synth(stack));
  const [key, spc] = Object.entries(json.resource.kubernetes_manifest as Record<string, any>).find(
    ([, m]) => m.manifest.kind === 'SecretProviderClass',
  )!;
  return { secretSync, key, spc };
}

describe('WorkloadSecretSync', () => {
  it('is a SecretProviderClass of the given provider and parameters that syncs each key into the named Secret', () => {
    const { spc } = sync('gcp', { auth: 'pod-adc', secrets: '[]' });
    expect(spc.manifest).toEqual({
      apiVersion: 'secrets-store.csi.x-k8s.io/v1',
      kind: 'SecretProviderClass',
      metadata: { name: 'app-secrets', namespace: 'ns', labels: { team: 'a' } },
      spec: {
        provider: 'gcp',
        parameters: { auth: 'pod-adc', secrets: '[]' },
        secretObjects: [
          {
            secretName: 'app-secrets',
            type: 'Opaque',
            labels: { team: 'a' },
            data: [
              { objectName: 'DATABASE_URL', key: 'DATABASE_URL' },
              { objectName: 'REDIS_URL', key: 'REDIS_URL' },
            ],
          },
        ],
      },
    });
    expect(spc.depends_on).toEqual(['kubernetes_manifest.namespace']);
  });

  it('carries another provider’s parameters unchanged', () => {
    expect(sync('aws', { region: 'us-east-1', usePodIdentity: 'true' }).spc.manifest.spec).toMatchObject({
      provider: 'aws',
      parameters: { region: 'us-east-1', usePodIdentity: 'true' },
    });
  });

  it('gives pods the class’s read-only CSI volume of the upstream driver, mounted in the server container', () => {
    expect(sync('gcp', {}).secretSync.podOverrides).toEqual({
      'spec.template.spec.volume': [
        {
          name: 'secrets-store',
          csi: { driver: 'secrets-store.csi.k8s.io', read_only: true, volume_attributes: { secretProviderClass: 'app-secrets' } },
        },
      ],
      'spec.template.spec.container.0.volume_mount': [{ name: 'secrets-store', mount_path: '/mnt/secrets-store', read_only: true }],
    });
  });
});
