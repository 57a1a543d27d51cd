import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { contextFor, resourceNamed } from './testing/fixtures';
import { MockforgeWorkload, tagPinnedReason } from './workload';

describe('MockforgeWorkload in a caller’s own stack', () => {
  const stack = new TerraformStack(Testing.app(), 'platform-team');
  new KubernetesProvider(stack, 'kubernetes', { configPath: '~/.kube/config' });
  const workload = new MockforgeWorkload(stack, 'mockforge', {
    context: contextFor('staging'),
    ingressClass: 'nginx',
    secretName: 'platform-secrets',
    tags: { team: 'platform' },
    overrides: { 'spec.revision_history_limit': 5 },
  });
  new TerraformOutput(stack, 'backend', { value: workload.backendId });
  const json = JSON.parse(Testing.synth(stack)) as Record<string, any>;
  const deployment = resourceNamed(json, 'kubernetes_deployment_v1', 'mockforge');

  test('labels objects with the standard tags, the primary region and the caller’s tags', () => {
    expect(deployment.metadata.labels).toMatchObject({ tier: 'staging', cloud: 'kubernetes', region: 'primary', team: 'platform' });
    // Selector labels are never overridden by tags.
    expect(deployment.spec.selector.match_labels).toEqual({
      'app.kubernetes.io/name': 'mockforge',
      'app.kubernetes.io/component': 'stateless',
    });
  });

  test('applies overrides to the Deployment', () => {
    expect(deployment.spec.revision_history_limit).toBe(5);
  });

  test('exposes the ComputeService outputs', () => {
    expect(workload.serviceName).toBe('mockforge');
    expect(json.output.backend.value).toMatch(/^\$\{kubernetes_service_v1\.mockforge_stateless-pool_service_[0-9A-F]+\.id\}$/);
    expect(workload.endpoint).toBe('https://staging.mocks.example.com');
  });
});

describe('tagPinnedReason', () => {
  test('says the tag is a release tag, not immutable, and how to pin by content', () => {
    expect(tagPinnedReason('ghcr.io/saasy-solutions/mockforge:0.3.213', 'config')).toBe(
      'image ghcr.io/saasy-solutions/mockforge:0.3.213 is pinned to a release tag (the config rejects latest and floating tags; set an @sha256 digest in `image` to pin by content)',
    );
    expect(tagPinnedReason('redis:7', 'sizing')).not.toContain('immutable');
  });
});
