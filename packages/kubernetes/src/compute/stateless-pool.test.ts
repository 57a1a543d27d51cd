import {
  CONFIG_FILE_PATH,
  CONFIG_MOUNT_DIR,
  HA_MINIMUMS,
  PORTS,
  PROBES,
  RUN_AS_UID,
  SECRET_KEYS,
  SERVE_COMMAND,
  TERMINATION_GRACE_SECONDS,
  WRITABLE_PATHS,
  scalingRange,
} from '@mockforge-infra/core';
import { contextFor, resourceNamed, serverContainer, synthTier } from '../testing/fixtures';

const DEPLOYMENT = 'kubernetes_deployment_v1';

describe('stateless pool', () => {
  const production = synthTier('production').json;
  const deployment = resourceNamed(production, DEPLOYMENT, 'mockforge');
  const pod = deployment.spec.template.spec;
  const container = serverContainer(deployment);

  test('runs the pinned image with serve --config', () => {
    expect(container.image).toBe('ghcr.io/saasy-solutions/mockforge:0.3.213');
    expect(container.args).toEqual([...SERVE_COMMAND]);
    expect(container.args).toEqual(['serve', '--admin', '--config', '/etc/mockforge/mockforge.yaml']);
    expect(CONFIG_FILE_PATH.startsWith(CONFIG_MOUNT_DIR)).toBe(true);
  });

  test('names the http, admin and metrics ports; ws and grpc only when enabled', () => {
    expect(container.port).toEqual([
      { name: 'http', container_port: PORTS.http, protocol: 'TCP' },
      { name: 'admin', container_port: PORTS.admin, protocol: 'TCP' },
      { name: 'metrics', container_port: PORTS.metrics, protocol: 'TCP' },
    ]);
    expect(container.port.map((p: any) => p.container_port)).toEqual([3000, 9080, 9090]);
    const withFeatures = synthTier('staging', (c) => ({ ...c, features: { websocketPort: true, grpc: true } })).json;
    const ports = serverContainer(resourceNamed(withFeatures, DEPLOYMENT, 'mockforge')).port;
    expect(ports.map((p: any) => [p.name, p.container_port])).toEqual([
      ['http', 3000],
      ['ws', 3001],
      ['grpc', 50051],
      ['admin', 9080],
      ['metrics', 9090],
    ]);
  });

  test('has the three probes with exactly the seed’s numbers', () => {
    for (const [key, probe] of [
      ['startup_probe', PROBES.startup],
      ['liveness_probe', PROBES.liveness],
      ['readiness_probe', PROBES.readiness],
    ] as const) {
      expect(container[key]).toEqual({
        http_get: { path: probe.path, port: String(probe.port), scheme: 'HTTP' },
        period_seconds: probe.periodSeconds,
        timeout_seconds: probe.timeoutSeconds,
        failure_threshold: probe.failureThreshold,
        success_threshold: probe.successThreshold,
      });
    }
    expect(container.liveness_probe.http_get.path).toBe('/health/live');
    expect(container.liveness_probe.period_seconds).toBe(30);
    expect(container.readiness_probe.http_get.path).toBe('/health/ready');
    expect(container.readiness_probe.period_seconds).toBe(10);
    expect(container.startup_probe.http_get.path).toBe('/health/startup');
    expect(container.startup_probe.failure_threshold).toBe(30);
    expect(JSON.stringify(deployment)).not.toContain('/ping');
  });

  test.each([
    ['dev', '450m', '500m', '512Mi'],
    ['staging', '900m', '1000m', '1024Mi'],
    ['production', '3600m', '4000m', '4096Mi'],
  ] as const)('%s: limits are the guide instance, CPU requests 90 %% of it, memory requests the limit', (tier, request, limit, memory) => {
    const c = serverContainer(resourceNamed(synthTier(tier).json, DEPLOYMENT, 'mockforge'));
    expect(c.resources).toEqual({ requests: { cpu: request, memory }, limits: { cpu: limit, memory } });
  });

  test('replicas start at the tier minimum', () => {
    expect(deployment.spec.replicas).toBe(String(scalingRange(contextFor('production').profile, 'kubernetes').min));
    expect(deployment.spec.replicas).toBe('5');
    expect(resourceNamed(synthTier('staging').json, DEPLOYMENT, 'mockforge').spec.replicas).toBe('2');
    expect(resourceNamed(synthTier('dev').json, DEPLOYMENT, 'mockforge').spec.replicas).toBe('1');
    expect(deployment.lifecycle.ignore_changes).toEqual(['spec[0].replicas']);
  });

  test('pod and container security contexts are restricted', () => {
    expect(pod.security_context).toEqual({
      run_as_non_root: true,
      run_as_user: String(RUN_AS_UID),
      run_as_group: String(RUN_AS_UID),
      fs_group: String(RUN_AS_UID),
      seccomp_profile: { type: 'RuntimeDefault' },
    });
    expect(container.security_context).toEqual({
      run_as_non_root: true,
      run_as_user: '1000',
      run_as_group: '1000',
      privileged: false,
      allow_privilege_escalation: false,
      read_only_root_filesystem: true,
      capabilities: { drop: ['ALL'] },
      seccomp_profile: { type: 'RuntimeDefault' },
    });
    expect(pod).toMatchObject({
      automount_service_account_token: false,
      host_pid: false,
      host_ipc: false,
      host_network: false,
      enable_service_links: false,
    });
  });

  test('/tmp and /app/data are emptyDir volumes beside the read-only config', () => {
    expect(container.volume_mount).toEqual([
      { name: 'config', mount_path: CONFIG_MOUNT_DIR, read_only: true },
      { name: 'tmp', mount_path: WRITABLE_PATHS.tmp },
      { name: 'data', mount_path: WRITABLE_PATHS.data },
    ]);
    expect(WRITABLE_PATHS).toEqual({ data: '/app/data', tmp: '/tmp' });
    const volumes = Object.fromEntries(pod.volume.map((v: any) => [v.name, v]));
    expect(volumes.tmp.empty_dir).toBeDefined();
    expect(volumes.data.empty_dir).toBeDefined();
    expect(volumes.config.config_map.name).toMatch(/^\$\{kubernetes_config_map_v1\./);
  });

  test('secrets come from the Secret by reference, never as values', () => {
    const secretEnv = container.env.filter((e: any) => (SECRET_KEYS as readonly string[]).includes(e.name));
    expect(secretEnv.map((e: any) => e.name).sort()).toEqual([...SECRET_KEYS].sort());
    for (const e of secretEnv) {
      expect(e.value).toBeUndefined();
      expect(e.value_from.secret_key_ref).toEqual({ name: 'mockforge-secrets', key: e.name });
    }
    expect(container.env.find((e: any) => e.name === 'MOCKFORGE_RUNNER_REDIS_URL').value_from.secret_key_ref.key).toBe('REDIS_URL');
  });

  test('spreads across zones (hard in HA tiers) and prefers one pod per node', () => {
    const [zone, host] = pod.topology_spread_constraint;
    expect(zone).toMatchObject({ topology_key: 'topology.kubernetes.io/zone', max_skew: 1, when_unsatisfiable: 'DoNotSchedule' });
    expect(host).toMatchObject({ topology_key: 'kubernetes.io/hostname', when_unsatisfiable: 'ScheduleAnyway' });
    expect(pod.affinity.pod_anti_affinity.preferred_during_scheduling_ignored_during_execution[0].pod_affinity_term.topology_key).toBe(
      'kubernetes.io/hostname',
    );
    const dev = resourceNamed(synthTier('dev').json, DEPLOYMENT, 'mockforge');
    expect(dev.spec.template.spec.topology_spread_constraint[0].when_unsatisfiable).toBe('ScheduleAnyway');
  });

  test('rolls with maxUnavailable 0 and drains for the seed’s grace period', () => {
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rolling_update: { max_unavailable: '0', max_surge: '25%' } });
    expect(pod.termination_grace_period_seconds).toBe(TERMINATION_GRACE_SECONDS);
    expect(pod.termination_grace_period_seconds).toBe(60);
  });

  test('a ClusterIP Service exposes http, admin and metrics', () => {
    const service = resourceNamed(production, 'kubernetes_service_v1', 'mockforge');
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.port.map((p: any) => [p.name, p.port, p.target_port])).toEqual([
      ['http', 3000, 'http'],
      ['admin', 9080, 'admin'],
      ['metrics', 9090, 'metrics'],
    ]);
    expect(service.spec.selector).toEqual(deployment.spec.selector.match_labels);
  });

  test('the PDB keeps at least two pods in production and lets one go elsewhere', () => {
    const pdb = resourceNamed(production, 'kubernetes_pod_disruption_budget_v1', 'mockforge');
    expect(pdb.spec.min_available).toBe(String(HA_MINIMUMS.minimum.instancesPerRegion));
    expect(pdb.spec.min_available).toBe('2');
    expect(pdb.spec.selector.match_labels).toEqual(deployment.spec.selector.match_labels);
    const staging = resourceNamed(synthTier('staging').json, 'kubernetes_pod_disruption_budget_v1', 'mockforge');
    expect(staging.spec).toMatchObject({ max_unavailable: '1' });
  });

  test('a config change rolls the pods', () => {
    const a = deployment.spec.template.metadata.annotations['mockforge.dev/config-sha256'];
    const withWs = resourceNamed(
      synthTier('production', (c) => ({ ...c, features: { websocketPort: true } })).json,
      DEPLOYMENT,
      'mockforge',
    );
    expect(a).toMatch(/^[a-f0-9]{64}$/);
    expect(withWs.spec.template.metadata.annotations['mockforge.dev/config-sha256']).not.toBe(a);
  });
});
