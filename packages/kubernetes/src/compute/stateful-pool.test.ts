import { addressesOf, PROBES, WRITABLE_PATHS, type MockforgeConfig } from '@mockforge-infra/core';
import { KUBERNETES_SIZING } from '../sizing';
import { resourceNamed, resourcesOf, serverContainer, synthTier } from '../testing/fixtures';

const hybrid = (c: MockforgeConfig): MockforgeConfig => ({
  ...c,
  tiers: { ...c.tiers, production: { ...c.tiers.production!, topology: 'hybrid' } },
});

describe('hybrid topology: the stateful pool', () => {
  const json = synthTier('production', hybrid).json;
  const statefulSet = resourceNamed(json, 'kubernetes_stateful_set_v1', 'mockforge-stateful');

  test('pins the StatefulSet address so a refactor never replaces its claims', () => {
    expect(addressesOf(json, ['kubernetes_stateful_set_v1'])).toEqual([
      'kubernetes_stateful_set_v1.workload_stateful-pool_statefulset_3C14B5EE',
    ]);
  });

  test('does not wait for the rollout, so a slow first rollout cannot taint the protected StatefulSet', () => {
    expect(statefulSet.wait_for_rollout).toBe(false);
  });

  test('pins the claim names: data-mockforge-stateful-<ordinal>', () => {
    const claim = statefulSet.spec.volume_claim_template[0].metadata.name;
    expect(`${claim}-${statefulSet.metadata.name}`).toBe('data-mockforge-stateful');
  });

  test('each replica gets its own ReadWriteOnce claim for /app/data', () => {
    expect(statefulSet.spec.volume_claim_template).toEqual([
      {
        metadata: { name: 'data', labels: { 'app.kubernetes.io/name': 'mockforge', 'app.kubernetes.io/component': 'stateful' } },
        spec: { access_modes: ['ReadWriteOnce'], resources: { requests: { storage: KUBERNETES_SIZING.dataVolume.production } } },
      },
    ]);
    const pod = statefulSet.spec.template.spec;
    // No pod-level volume named data: the claim template provides it, one per replica.
    expect(pod.volume.map((v: any) => v.name)).toEqual(['config', 'tmp']);
    expect(serverContainer(statefulSet).volume_mount).toContainEqual({ name: 'data', mount_path: WRITABLE_PATHS.data });
    expect(statefulSet.spec.persistent_volume_claim_retention_policy).toEqual([{ when_deleted: 'Retain', when_scaled: 'Retain' }]);
    expect(resourcesOf(json, 'kubernetes_persistent_volume_claim_v1')).toEqual([]);
  });

  test('has its own headless Service, HPA and PDB', () => {
    const service = resourceNamed(json, 'kubernetes_service_v1', 'mockforge-stateful');
    expect(service.spec.cluster_ip).toBe('None');
    expect(statefulSet.spec.service_name).toBe('mockforge-stateful');
    const hpa = resourceNamed(json, 'kubernetes_horizontal_pod_autoscaler_v2', 'mockforge-stateful');
    expect(hpa.spec.scale_target_ref).toEqual({ api_version: 'apps/v1', kind: 'StatefulSet', name: 'mockforge-stateful' });
    const pdb = resourceNamed(json, 'kubernetes_pod_disruption_budget_v1', 'mockforge-stateful');
    expect(pdb.spec.selector.match_labels).toEqual(statefulSet.spec.selector.match_labels);
    expect(service.spec.selector).toEqual(statefulSet.spec.selector.match_labels);
  });

  test('the stateless Deployment keeps serving, with /app/data on an emptyDir', () => {
    const deployment = resourceNamed(json, 'kubernetes_deployment_v1', 'mockforge');
    expect(deployment.spec.template.spec.volume.find((v: any) => v.name === 'data').empty_dir).toBeDefined();
    expect(deployment.spec.selector.match_labels['app.kubernetes.io/component']).toBe('stateless');
    const ingress = resourcesOf(json, 'kubernetes_ingress_v1')[0]!;
    expect(ingress.spec.rule[0].http.path[0].backend.service.name).toContain('stateless-pool_service');
  });

  test('the stateful pods use the same hardened container and probes', () => {
    const container = serverContainer(statefulSet);
    expect(container.security_context.read_only_root_filesystem).toBe(true);
    expect(container.liveness_probe.period_seconds).toBe(PROBES.liveness.periodSeconds);
  });

  test('stateless topologies have no StatefulSet', () => {
    expect(resourcesOf(synthTier('production').json, 'kubernetes_stateful_set_v1')).toEqual([]);
  });
});
