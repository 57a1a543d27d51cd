import { addressesOf, REDIS_PORT, type MockforgeConfig } from '@mockforge-infra/core';
import { KUBERNETES_SIZING } from '../sizing';
import { resourceNamed, resourcesOf, serverContainer, synthTier } from '../testing/fixtures';
import { REDIS_PASSWORD_KEY } from './in-cluster-redis';

const withRedis = (c: MockforgeConfig): MockforgeConfig => ({ ...c, kubernetes: { inClusterRedis: true } });

describe('in-cluster Redis', () => {
  const { json, policy } = synthTier('production', withRedis);
  const redis = resourceNamed(json, 'kubernetes_stateful_set_v1', 'mockforge-redis');
  const container = serverContainer(redis);

  test('pins the Redis StatefulSet address', () => {
    expect(addressesOf(json, ['kubernetes_stateful_set_v1'])).toEqual(['kubernetes_stateful_set_v1.workload_redis_statefulset_F75348D2']);
  });

  test('pins the claim name data-mockforge-redis-0', () => {
    expect(`${redis.spec.volume_claim_template[0].metadata.name}-${redis.metadata.name}-0`).toBe('data-mockforge-redis-0');
  });

  test('requires AUTH with the password file from the caller’s Secret, never a value', () => {
    const auth = redis.spec.template.spec.volume.find((v: any) => v.name === 'auth');
    expect(auth.secret).toEqual({
      secret_name: 'mockforge-secrets',
      default_mode: '0400',
      items: [{ key: REDIS_PASSWORD_KEY, path: REDIS_PASSWORD_KEY }],
    });
    expect(container.command.join(' ')).toContain(`requirepass %s`);
    expect(container.command.join(' ')).toContain(`/var/run/secrets/redis/${REDIS_PASSWORD_KEY}`);
    expect(container.env).toBeUndefined();
    expect(resourcesOf(json, 'kubernetes_secret_v1')).toEqual([]);
  });

  test('persists to its own claim with an append-only file', () => {
    expect(redis.spec.volume_claim_template[0].spec).toEqual({
      access_modes: ['ReadWriteOnce'],
      resources: { requests: { storage: KUBERNETES_SIZING.redis.volume.production } },
    });
    expect(container.command.join(' ')).toContain('appendonly yes');
    expect(container.port).toEqual([{ name: 'redis', container_port: REDIS_PORT, protocol: 'TCP' }]);
    expect(container.image).toBe(KUBERNETES_SIZING.redis.image);
  });

  test('runs restricted', () => {
    expect(container.security_context).toMatchObject({
      run_as_non_root: true,
      read_only_root_filesystem: true,
      allow_privilege_escalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(redis.spec.template.spec.security_context.fs_group).toBe(String(KUBERNETES_SIZING.redis.uid));
  });

  test('has a PDB that never blocks a node drain and admits only the MockForge pods', () => {
    const pdb = resourceNamed(json, 'kubernetes_pod_disruption_budget_v1', 'mockforge-redis');
    // One replica: minAvailable 1 would forbid every eviction.
    expect(pdb.spec).toMatchObject({ max_unavailable: '1' });
    expect(pdb.spec.min_available).toBeUndefined();
    const np = resourceNamed(json, 'kubernetes_network_policy_v1', 'mockforge-redis');
    expect(np.spec.policy_types).toEqual(['Ingress', 'Egress']);
    expect(np.spec.ingress).toEqual([
      {
        ports: [{ port: String(REDIS_PORT), protocol: 'TCP' }],
        from: [{ pod_selector: { match_labels: { 'app.kubernetes.io/name': 'mockforge' } } }],
      },
    ]);
    const server = resourceNamed(json, 'kubernetes_network_policy_v1', 'mockforge-server');
    expect(server.spec.egress.find((r: any) => r.to?.some((peer: any) => peer.pod_selector))).toEqual({
      ports: [{ port: String(REDIS_PORT), protocol: 'TCP' }],
      to: [{ pod_selector: { match_labels: redis.spec.selector.match_labels } }],
    });
  });

  test('its single replica and missing HPA are suppressed with a reason', () => {
    const redisFindings = policy.findings.filter((f) => f.address.includes('redis'));
    expect(redisFindings.map((f) => f.ruleId).sort()).toEqual(['CKV_K8S_43', 'MF_K8S_2', 'MF_K8S_5']);
    expect(redisFindings.every((f) => f.suppressedBecause)).toBe(true);
  });

  test('is off by default', () => {
    expect(() => resourceNamed(synthTier('production').json, 'kubernetes_stateful_set_v1', 'mockforge-redis')).toThrow();
  });
});
