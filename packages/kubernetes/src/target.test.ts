import { PolicyEngine, TIER_NAMES, type MockforgeConfig, type TierName } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { kubernetesRules } from './rules';
import { DEFAULT_KUBECONFIG, DEFAULT_SECRET_NAME, kubernetesTarget } from './target';
import { contextFor, synthTier } from './testing/fixtures';

const hybrid =
  (tier: TierName) =>
  (c: MockforgeConfig): MockforgeConfig => ({
    ...c,
    tiers: { ...c.tiers, [tier]: { ...c.tiers[tier]!, topology: 'hybrid' } },
    kubernetes: { inClusterRedis: true },
  });

describe('kubernetesTarget', () => {
  test('declares the kubernetes cloud and its rules', () => {
    expect(kubernetesTarget.cloud).toBe('kubernetes');
    expect(kubernetesTarget.rules).toBe(kubernetesRules);
  });

  test.each(TIER_NAMES.map((t) => [t]))('%s synthesizes <tier>-kubernetes-<cluster> with no unsuppressed findings', (tier) => {
    const { stack, policy, json } = synthTier(tier);
    expect(stack.node.id).toBe(`${tier}-kubernetes-primary`);
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
    // No ServiceMonitor or PrometheusRule by default (kubernetes.prometheusOperator).
    expect(json.resource.kubernetes_manifest).toBeUndefined();
    const synthesized = Object.values(json.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
    expect(policy.stackReports[0]!.resourceCount).toBe(synthesized);
  });

  test.each(TIER_NAMES.map((t) => [t]))('%s hybrid with in-cluster Redis has no unsuppressed findings and both pools', (tier) => {
    const { json, policy } = synthTier(tier, hybrid(tier));
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
    expect(Object.keys(json.resource.kubernetes_deployment_v1)).toHaveLength(1);
    expect(Object.keys(json.resource.kubernetes_stateful_set_v1)).toHaveLength(2);
  });

  test('production suppressions are the documented inherent ones only', () => {
    const { policy } = synthTier('production');
    expect([...new Set(policy.findings.map((f) => f.ruleId))].sort()).toEqual(['CKV_K8S_35', 'CKV_K8S_43', 'KUBE-0002']);
  });

  test('an image pinned by digest needs no CKV_K8S_43 suppression', () => {
    const image = `ghcr.io/saasy-solutions/mockforge@sha256:${'b'.repeat(64)}`;
    const { policy } = synthTier('production', (c) => ({ ...c, image }));
    expect(policy.findings.filter((f) => f.ruleId === 'CKV_K8S_43')).toEqual([]);
  });

  test('dev relaxes the replica rule with core’s exemption reason', () => {
    const { policy } = synthTier('dev');
    const replicas = policy.findings.find((f) => f.ruleId === 'MF_K8S_2');
    expect(replicas?.suppressedBecause).toBe(contextFor('dev').profile.exemptions.find((e) => e.what === 'replicas')!.reason);
  });

  test('tiers on the same cluster get a namespace each, so their objects never collide', () => {
    const namespaces = TIER_NAMES.map((tier) => {
      const { json } = synthTier(tier);
      const [namespace] = Object.values(json.resource.kubernetes_namespace_v1) as { metadata: { name: string } }[];
      const [deployment] = Object.values(json.resource.kubernetes_deployment_v1) as { metadata: { namespace: string } }[];
      expect(deployment!.metadata.namespace).toMatch(/^\$\{kubernetes_namespace_v1\.\w+\.metadata\[0\]\.name\}$/);
      return namespace!.metadata.name;
    });
    expect(namespaces).toEqual(['mockforge-dev', 'mockforge-staging', 'mockforge-production']);
  });

  test('one stack per cluster, each with its kubeconfig context', () => {
    const app = Testing.app();
    const context = contextFor('production', (c) => ({
      ...c,
      kubernetes: { clusters: { secondary: { kubeconfigPath: '/etc/kube/prod.yaml', context: 'prod-eu' } } },
    }));
    const stacks = kubernetesTarget.addStacks(app, context, new PolicyEngine(kubernetesRules));
    expect(stacks.map((s) => s.node.id)).toEqual(['production-kubernetes-primary', 'production-kubernetes-secondary']);
    const providers = stacks.map((s) => JSON.parse(Testing.synth(s)).provider.kubernetes[0]);
    expect(providers[0]).toEqual({ config_path: DEFAULT_KUBECONFIG, config_context: 'primary' });
    expect(providers[1]).toEqual({ config_path: '/etc/kube/prod.yaml', config_context: 'prod-eu' });
  });

  test('the Secret is referenced by name and never synthesized', () => {
    const { json } = synthTier('production');
    expect(json.resource.kubernetes_secret_v1).toBeUndefined();
    const env =
      json.resource.kubernetes_deployment_v1[Object.keys(json.resource.kubernetes_deployment_v1)[0]!].spec.template.spec.container[0].env;
    const names = new Set(env.filter((e: any) => e.value_from).map((e: any) => e.value_from.secret_key_ref.name));
    expect([...names]).toEqual([DEFAULT_SECRET_NAME]);
    const custom = synthTier('production', (c) => ({ ...c, kubernetes: { existingSecretName: 'team-secrets' } })).json;
    expect(JSON.stringify(custom)).toContain('"team-secrets"');
    expect(JSON.stringify(custom)).not.toContain(`"${DEFAULT_SECRET_NAME}"`);
  });

  test('two syntheses are byte-identical', () => {
    expect(JSON.stringify(synthTier('production', hybrid('production')).json)).toBe(
      JSON.stringify(synthTier('production', hybrid('production')).json),
    );
  });

  test('publishes resource-prefixed outputs', () => {
    const { json } = synthTier('staging');
    expect(Object.keys(json.output).sort()).toEqual([
      'ingress_endpoint',
      'ingress_host',
      'kubernetes_namespace_name',
      'kubernetes_service_name',
    ]);
    expect(json.output.ingress_endpoint.value).toBe('https://staging.mocks.example.com');
  });
});
