import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { standaloneNegAnnotation } from './load-balancing/ingress';
import { contextFor, resourceNamed, resourcesOf } from './testing/fixtures';
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

describe('MockforgeWorkload behind a load balancer outside the cluster (ingress: false)', () => {
  const stack = new TerraformStack(Testing.app(), 'gke');
  new KubernetesProvider(stack, 'kubernetes', { configPath: '~/.kube/config' });
  const workload = new MockforgeWorkload(stack, 'mockforge', {
    context: contextFor('staging'),
    ingressClass: 'gce',
    ingress: false,
    secretName: 'mockforge-secrets',
    serviceAnnotations: standaloneNegAnnotation(3000, 'mockforge-staging-pods'),
    serviceAccountAnnotations: { 'iam.gke.io/gcp-service-account': 'run@example.iam.gserviceaccount.com' },
  });
  const json = JSON.parse(Testing.synth(stack)) as Record<string, any>;

  test('emits no Ingress, and says so when asked for one', () => {
    expect(resourcesOf(json, 'kubernetes_ingress_v1')).toEqual([]);
    expect(workload.hasIngress).toBe(false);
    expect(() => workload.ingress).toThrow('has no Ingress (ingress: false)');
    expect(workload.endpoint).toBe('https://staging.mocks.example.com');
  });

  test('annotates the Service with the caller’s annotations instead of the class’s Ingress NEG', () => {
    expect(resourceNamed(json, 'kubernetes_service_v1', 'mockforge').metadata.annotations).toEqual({
      'cloud.google.com/neg': '{"exposed_ports":{"3000":{"name":"mockforge-staging-pods"}}}',
    });
  });

  test('annotates the ServiceAccount', () => {
    expect(resourceNamed(json, 'kubernetes_service_account_v1', 'mockforge').metadata.annotations).toEqual({
      'iam.gke.io/gcp-service-account': 'run@example.iam.gserviceaccount.com',
    });
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
