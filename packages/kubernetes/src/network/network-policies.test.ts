import { DATABASE_PORT, INTERNAL_CIDR, NETWORK_POLICY, OTLP_PORTS, PORTS, REDIS_PORT } from '@mockforge-infra/core';
import { isDefaultDeny } from '../rules';
import { LOAD_BALANCER_SOURCE_CIDRS } from '../sizing';
import { ACME_SOLVER } from './network-policies';
import { resourceNamed, synthTier } from '../testing/fixtures';

const POLICY = 'kubernetes_network_policy_v1';
const ports = (rule: any) => rule.ports.map((p: any) => `${p.port}/${p.protocol}`);

describe('network policies', () => {
  const json = synthTier('production').json;
  const server = resourceNamed(json, POLICY, 'mockforge-server');

  test('deny all ingress and egress in the namespace by default', () => {
    const deny = resourceNamed(json, POLICY, 'default-deny');
    expect(deny.spec).toEqual({ pod_selector: {}, policy_types: ['Ingress', 'Egress'] });
    expect(deny.metadata.namespace).toMatch(/^\$\{kubernetes_namespace_v1\./);
    expect(isDefaultDeny({ type: POLICY, name: 'd', address: `${POLICY}.d`, path: 'd', attributes: deny })).toBe(true);
  });

  test('admit 3000 from the ingress controller, 9080 from 10.0.0.0/8 and 9090 from monitoring', () => {
    expect(server.spec.pod_selector.match_labels).toEqual({ 'app.kubernetes.io/name': 'mockforge' });
    expect(server.spec.ingress).toEqual([
      {
        ports: [{ port: String(PORTS.http), protocol: 'TCP' }],
        from: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
      },
      { ports: [{ port: String(PORTS.admin), protocol: 'TCP' }], from: [{ ip_block: { cidr: INTERNAL_CIDR } }] },
      {
        ports: [{ port: String(PORTS.metrics), protocol: 'TCP' }],
        from: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
      },
    ]);
    expect(server.spec.ingress.map(ports)).toEqual([['3000/TCP'], ['9080/TCP'], ['9090/TCP']]);
    expect(server.spec.ingress[1].from[0].ip_block.cidr).toBe('10.0.0.0/8');
    expect(NETWORK_POLICY.internalIngress.cidrs).toEqual([INTERNAL_CIDR]);
  });

  test('allow out DNS, HTTPS and HTTP, PostgreSQL, Redis and OTLP only', () => {
    const egress = server.spec.egress;
    expect(egress.map(ports)).toEqual([
      ['53/UDP', '53/TCP'],
      ['443/TCP', '80/TCP'],
      [`${DATABASE_PORT}/TCP`],
      [`${REDIS_PORT}/TCP`],
      [`${OTLP_PORTS.grpc}/TCP`, `${OTLP_PORTS.http}/TCP`],
    ]);
    expect(egress.map(ports).flat()).toEqual(['53/UDP', '53/TCP', '443/TCP', '80/TCP', '5432/TCP', '6379/TCP', '4317/TCP', '4318/TCP']);
    expect(egress[1].to).toEqual([{ ip_block: { cidr: '0.0.0.0/0' } }]);
    expect(egress[2].to).toEqual([{ ip_block: { cidr: INTERNAL_CIDR } }]);
    expect(egress[3].to).toEqual([{ ip_block: { cidr: INTERNAL_CIDR } }]);
    expect(egress[4].to).toEqual([{ namespace_selector: {} }, { ip_block: { cidr: INTERNAL_CIDR } }]);
  });

  test('take namespaces and CIDRs from config', () => {
    const custom = synthTier('production', (c) => ({
      ...c,
      kubernetes: {
        ingressNamespace: 'edge',
        monitoringNamespace: 'observability',
        databaseCidrs: ['10.9.0.0/24'],
        redisCidrs: ['10.9.1.0/24'],
      },
    })).json;
    const policy = resourceNamed(custom, POLICY, 'mockforge-server');
    expect(policy.spec.ingress[0].from[0].namespace_selector.match_labels['kubernetes.io/metadata.name']).toBe('edge');
    expect(policy.spec.ingress[2].from[0].namespace_selector.match_labels['kubernetes.io/metadata.name']).toBe('observability');
    expect(policy.spec.egress[2].to).toEqual([{ ip_block: { cidr: '10.9.0.0/24' } }]);
    expect(policy.spec.egress[3].to).toEqual([{ ip_block: { cidr: '10.9.1.0/24' } }]);
  });

  test('open the WebSocket and gRPC ports to the ingress path when enabled', () => {
    const withFeatures = synthTier('staging', (c) => ({ ...c, features: { websocketPort: true, grpc: true } })).json;
    expect(ports(resourceNamed(withFeatures, POLICY, 'mockforge-server').spec.ingress[0])).toEqual(['3000/TCP', '3001/TCP', '50051/TCP']);
  });

  test('let cert-manager’s HTTP-01 solver answer from the ingress path when TLS is managed', () => {
    const solver = resourceNamed(json, POLICY, 'acme-http01-solver');
    expect(solver.spec).toEqual({
      pod_selector: { match_labels: { [ACME_SOLVER.label]: 'true' } },
      policy_types: ['Ingress'],
      ingress: [
        {
          ports: [{ port: '8089', protocol: 'TCP' }],
          from: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
        },
      ],
    });
    const provided = synthTier('production', (c) => ({ ...c, tls: { mode: 'provided', kubernetesSecretName: 'corp-tls' } })).json;
    expect(() => resourceNamed(provided, POLICY, 'acme-http01-solver')).toThrow();
  });

  test('cloud load balancers that reach pod IPs directly are admitted by source range', () => {
    expect(LOAD_BALANCER_SOURCE_CIDRS.nginx).toEqual([]);
    expect(LOAD_BALANCER_SOURCE_CIDRS.alb).toEqual([INTERNAL_CIDR]);
    expect(LOAD_BALANCER_SOURCE_CIDRS.gce).toEqual(['35.191.0.0/16', '130.211.0.0/22']);
  });
});
