import {
  BALANCING_ALGORITHMS,
  NGINX_INGRESS,
  PUBLIC_PORTS,
  WEBSOCKET_IDLE_TIMEOUT_SECONDS,
  type BalancingAlgorithm,
} from '@mockforge-infra/core';
import { resourcesOf, synthTier } from '../testing/fixtures';
import { ingressAnnotations } from './annotations';

const ingressOf = (json: Record<string, any>) => resourcesOf(json, 'kubernetes_ingress_v1')[0]!;
const withAlgorithm = (algorithm: BalancingAlgorithm) =>
  ingressOf(
    synthTier('staging', (c) => ({ ...c, tiers: { ...c.tiers, staging: { ...c.tiers.staging!, loadBalancing: algorithm } } })).json,
  );

describe('ingress', () => {
  const ingress = ingressOf(synthTier('production').json);

  test('defaults to class nginx with the guide’s annotations and WebSocket timeouts', () => {
    expect(ingress.spec.ingress_class_name).toBe(NGINX_INGRESS.className);
    expect(ingress.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/load-balance': 'round_robin',
      'nginx.ingress.kubernetes.io/upstream-hash-by': '$request_uri',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': String(WEBSOCKET_IDLE_TIMEOUT_SECONDS),
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
    });
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe(NGINX_INGRESS.clusterIssuer);
  });

  test('serves each tier its own hostname', () => {
    expect(ingressOf(synthTier('staging').json).spec.rule[0].host).toBe('staging.mocks.example.com');
    expect(ingressOf(synthTier('dev').json).spec.tls[0].hosts).toEqual(['dev.mocks.example.com']);
  });

  test('serves TLS for the configured host and routes / to the http port', () => {
    expect(ingress.spec.tls).toEqual([{ hosts: ['mocks.example.com'], secret_name: NGINX_INGRESS.tlsSecretName }]);
    expect(ingress.spec.rule[0].host).toBe('mocks.example.com');
    expect(ingress.spec.rule[0].http.path[0]).toMatchObject({
      path: '/',
      path_type: 'Prefix',
      backend: { service: { port: { name: 'http' } } },
    });
  });

  test('a provided certificate replaces cert-manager', () => {
    const provided = ingressOf(
      synthTier('production', (c) => ({ ...c, tls: { mode: 'provided', kubernetesSecretName: 'corp-tls' } })).json,
    );
    expect(provided.spec.tls[0].secret_name).toBe('corp-tls');
    expect(provided.metadata.annotations['cert-manager.io/cluster-issuer']).toBeUndefined();
  });

  test.each([
    ['least-connections', { 'nginx.ingress.kubernetes.io/load-balance': 'ewma' }],
    ['ip-hash', { 'nginx.ingress.kubernetes.io/upstream-hash-by': '$remote_addr' }],
    ['weighted', { 'nginx.ingress.kubernetes.io/load-balance': 'round_robin' }],
  ] as const)('the %s algorithm maps to ingress-nginx', (algorithm, expected) => {
    const annotations = withAlgorithm(algorithm).metadata.annotations;
    expect(annotations).toMatchObject(expected);
    const keys = Object.keys(annotations).filter((k) => k.endsWith('/load-balance') || k.endsWith('/upstream-hash-by'));
    expect(keys.sort()).toEqual(Object.keys(expected).sort());
  });

  test('every algorithm and class has annotations', () => {
    for (const ingressClass of ['nginx', 'alb', 'gce', 'azure-application-gateway'] as const) {
      for (const algorithm of BALANCING_ALGORITHMS) {
        expect(Object.keys(ingressAnnotations({ ingressClass, algorithm, managedCertificate: true })).length).toBeGreaterThan(0);
      }
    }
  });

  test('alb gets target-group algorithms, the readiness path and the WebSocket idle timeout', () => {
    const alb = ingressAnnotations({ ingressClass: 'alb', algorithm: 'least-connections', managedCertificate: true });
    expect(JSON.parse(alb['alb.ingress.kubernetes.io/listen-ports']!)).toEqual([
      { HTTP: PUBLIC_PORTS.http },
      { HTTPS: PUBLIC_PORTS.https },
    ]);
    expect(alb['alb.ingress.kubernetes.io/listen-ports']).toBe('[{"HTTP":80},{"HTTPS":443}]');
    expect(alb['alb.ingress.kubernetes.io/ssl-redirect']).toBe('443');
    expect(alb['alb.ingress.kubernetes.io/target-group-attributes']).toBe('load_balancing.algorithm.type=least_outstanding_requests');
    expect(alb['alb.ingress.kubernetes.io/healthcheck-path']).toBe('/health/ready');
    expect(alb['alb.ingress.kubernetes.io/load-balancer-attributes']).toBe('idle_timeout.timeout_seconds=3600');
    expect(alb['cert-manager.io/cluster-issuer']).toBeUndefined();
    const weighted = ingressAnnotations({ ingressClass: 'alb', algorithm: 'weighted', managedCertificate: true });
    expect(weighted['alb.ingress.kubernetes.io/target-group-attributes']).toBe('load_balancing.algorithm.type=weighted_random');
  });

  test('other classes are selectable from config', () => {
    const gce = ingressOf(synthTier('production', (c) => ({ ...c, kubernetes: { ingressClass: 'gce' } })).json);
    expect(gce.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
      'kubernetes.io/ingress.allow-http': 'false',
      'kubernetes.io/ingress.class': 'gce',
    });
    const gceProvided = ingressAnnotations({ ingressClass: 'gce', algorithm: 'round-robin', managedCertificate: false });
    expect(gceProvided).toEqual({ 'kubernetes.io/ingress.allow-http': 'false' });
    const agic = ingressAnnotations({ ingressClass: 'azure-application-gateway', algorithm: 'ip-hash', managedCertificate: false });
    expect(agic).toMatchObject({
      'appgw.ingress.kubernetes.io/cookie-based-affinity': 'true',
      'appgw.ingress.kubernetes.io/request-timeout': '3600',
    });
  });

  test('gce is named by annotation only: GKE ignores spec.ingressClassName and the API rejects both', () => {
    const gce = ingressOf(synthTier('production', (c) => ({ ...c, kubernetes: { ingressClass: 'gce' } })).json);
    expect(gce.metadata.annotations['kubernetes.io/ingress.class']).toBe('gce');
    expect(gce.spec.ingress_class_name).toBeUndefined();
    const alb = ingressOf(synthTier('production', (c) => ({ ...c, kubernetes: { ingressClass: 'alb' } })).json);
    expect(alb.spec.ingress_class_name).toBe('alb');
    expect(alb.metadata.annotations['kubernetes.io/ingress.class']).toBeUndefined();
  });

  test.each(['alb', 'gce'] as const)(
    '%s answers every Host through a default backend (CloudFront sends its origin name)',
    (ingressClass) => {
      const own = ingressOf(synthTier('production', (c) => ({ ...c, kubernetes: { ingressClass } })).json);
      expect(own.spec.default_backend).toEqual({
        service: { name: '${kubernetes_service_v1.workload_stateless-pool_service_43A308C3.metadata[0].name}', port: { name: 'http' } },
      });
      expect(own.spec.rule[0].http.path[0].backend).toEqual(own.spec.default_backend);
    },
  );

  test.each(['nginx', 'azure-application-gateway'] as const)('%s shares its proxy, so it has no default backend', (ingressClass) => {
    const shared = ingressOf(synthTier('production', (c) => ({ ...c, kubernetes: { ingressClass } })).json);
    expect(shared.spec.default_backend).toBeUndefined();
    expect(shared.spec.ingress_class_name).toBe(ingressClass);
  });

  test.each([
    ['alb', true],
    ['gce', true],
    ['nginx', false],
    ['azure-application-gateway', false],
  ] as const)('%s: the apply waits for the load balancer: %s', (ingressClass, waits) => {
    expect(ingressOf(synthTier('production', (c) => ({ ...c, kubernetes: { ingressClass } })).json).wait_for_load_balancer).toBe(waits);
  });

  test.each([
    ['gce', { 'cloud.google.com/neg': '{"ingress": true}' }],
    ['alb', undefined],
    ['nginx', undefined],
  ] as const)('%s: the backend Service carries the annotations its controller needs', (ingressClass, annotations) => {
    const json = synthTier('production', (c) => ({ ...c, kubernetes: { ingressClass } })).json;
    const service = resourcesOf(json, 'kubernetes_service_v1').find((s: any) => s.metadata.name === 'mockforge')!;
    expect(service.metadata.annotations).toEqual(annotations);
  });
});
