import { defaultConfig, NGINX_INGRESS, PolicyEngine, targetContext, type TargetContext } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { kubernetesRules } from '../rules';
import { resourceNamed, resourcesOf } from '../testing/fixtures';
import type { WorkloadStackProps } from './workload-stack';
import { KubernetesWorkloadStack } from './workload-stack';

/** How a cloud package uses the workload: a managed cluster's outputs and a Secret it created. */
function managed(context: TargetContext, extra: Partial<WorkloadStackProps> = {}) {
  const policy = new PolicyEngine(kubernetesRules, { failOnError: false });
  const stack = new KubernetesWorkloadStack(Testing.app(), {
    context,
    policy,
    region: 'us-east-1-workload',
    provider: {
      host: 'https://eks.example.internal',
      clusterCaCertificate: 'ca',
      exec: [
        { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'mockforge'] },
      ],
    },
    ingressClass: 'alb',
    secretName: 'mockforge-aws-secrets',
    ...extra,
  });
  return { stack, policy, json: JSON.parse(Testing.synth(stack, true)) as Record<string, any> };
}

describe('KubernetesWorkloadStack on a managed cluster', () => {
  const context = targetContext(
    {
      ...defaultConfig(['aws']),
      tiers: { production: { size: 'medium', topology: 'hybrid', regions: { aws: ['us-east-1', 'eu-west-1'] } } },
    },
    'production',
    'aws',
  );

  test('is named after the cloud and the region label, with the cluster’s provider', () => {
    const { stack, json } = managed(context);
    expect(stack.node.id).toBe('production-aws-us-east-1-workload');
    expect(json.provider.kubernetes[0]).toMatchObject({ host: 'https://eks.example.internal', cluster_ca_certificate: 'ca' });
    expect(json.provider.kubernetes[0].exec[0].command).toBe('aws');
    expect(stack.workload.serviceName).toBe('mockforge');
  });

  test('uses the caller’s Secret, CIDRs, storage class and ingress annotations', () => {
    const { json, policy } = managed(context, {
      databaseCidrs: ['10.48.32.0/20'],
      redisCidrs: ['10.48.48.0/20'],
      storageClassName: 'gp3',
      ingressAnnotations: { 'alb.ingress.kubernetes.io/scheme': 'internet-facing', 'alb.ingress.kubernetes.io/ssl-redirect': '8443' },
    });
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
    expect(JSON.stringify(json)).toContain('"mockforge-aws-secrets"');
    const egress = resourceNamed(json, 'kubernetes_network_policy_v1', 'mockforge-server').spec.egress;
    expect(egress.find((r: any) => r.ports[0].port === '5432').to).toEqual([{ ip_block: { cidr: '10.48.32.0/20' } }]);
    expect(egress.find((r: any) => r.ports[0].port === '6379').to).toEqual([{ ip_block: { cidr: '10.48.48.0/20' } }]);
    const claim = resourceNamed(json, 'kubernetes_stateful_set_v1', 'mockforge-stateful').spec.volume_claim_template[0];
    expect(claim.spec.storage_class_name).toBe('gp3');
    const ingress = resourcesOf(json, 'kubernetes_ingress_v1')[0]!;
    expect(ingress.spec.ingress_class_name).toBe('alb');
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/scheme']).toBe('internet-facing');
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/ssl-redirect']).toBe('8443');
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBeUndefined();
  });

  test('admits the ALB from the private network on the traffic port; no cert-manager solver', () => {
    const { json } = managed(context);
    const server = resourceNamed(json, 'kubernetes_network_policy_v1', 'mockforge-server');
    expect(server.spec.ingress[0].from).toContainEqual({ ip_block: { cidr: '10.0.0.0/8' } });
    expect(() => resourceNamed(json, 'kubernetes_network_policy_v1', 'acme-http01-solver')).toThrow();
  });

  test('labels carry the standard tags of the stack', () => {
    const { json } = managed(context);
    expect(resourceNamed(json, 'kubernetes_deployment_v1', 'mockforge').metadata.labels).toMatchObject({
      app: 'mockforge',
      tier: 'production',
      cloud: 'aws',
      region: 'us-east-1-workload',
      'managed-by': 'cdktf',
    });
  });

  test('plans on a fresh cluster: no kubernetes_manifest unless the Prometheus Operator is declared', () => {
    expect(resourcesOf(managed(context).json, 'kubernetes_manifest')).toEqual([]);
    const kinds = resourcesOf(managed(context, { prometheusOperator: true }).json, 'kubernetes_manifest').map((m) => m.manifest.kind);
    expect(kinds.sort()).toEqual(['PrometheusRule', 'ServiceMonitor']);
  });

  test('Redis egress uses the ports the caller passes (Memorystore TLS listens on 6378)', () => {
    const { json } = managed(context, { redisCidrs: ['10.48.48.0/20'], redisPorts: [6378] });
    const egress = resourceNamed(json, 'kubernetes_network_policy_v1', 'mockforge-server').spec.egress;
    expect(egress.find((r: any) => r.to?.[0]?.ip_block?.cidr === '10.48.48.0/20')).toEqual({
      ports: [{ port: '6378', protocol: 'TCP' }],
      to: [{ ip_block: { cidr: '10.48.48.0/20' } }],
    });
    expect(JSON.stringify(egress)).not.toContain('"6379"');
  });
});

describe('KubernetesWorkloadStack ingress TLS on a gce ingress', () => {
  const context = targetContext(defaultConfig(['gcp']), 'staging', 'gcp');
  const solver = (json: Record<string, any>) =>
    resourcesOf(json, 'kubernetes_network_policy_v1').filter((p) => p.metadata.name === 'acme-http01-solver');

  test('cluster (the default): a cert-manager cluster-issuer, a TLS Secret and the solver policy', () => {
    const { json } = managed(context, { ingressClass: 'gce' });
    const ingress = resourcesOf(json, 'kubernetes_ingress_v1')[0]!;
    expect(ingress.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': NGINX_INGRESS.clusterIssuer,
      'kubernetes.io/ingress.allow-http': 'false',
      'kubernetes.io/ingress.class': 'gce',
    });
    expect(ingress.spec.tls).toEqual([{ hosts: [context.hostname], secret_name: NGINX_INGRESS.tlsSecretName }]);
    expect(solver(json)).toHaveLength(1);
  });

  test('cloud: the load balancer’s certificate annotation; no issuer, TLS Secret or solver policy', () => {
    const { json } = managed(context, {
      ingressClass: 'gce',
      ingressTls: 'cloud',
      ingressAnnotations: { 'ingress.gcp.kubernetes.io/pre-shared-cert': 'edge-cert' },
    });
    const ingress = resourcesOf(json, 'kubernetes_ingress_v1')[0]!;
    expect(ingress.metadata.annotations).toEqual({
      'kubernetes.io/ingress.allow-http': 'false',
      'ingress.gcp.kubernetes.io/pre-shared-cert': 'edge-cert',
      'kubernetes.io/ingress.class': 'gce',
    });
    expect(ingress.spec.tls).toBeUndefined();
    expect(ingress.spec.rule[0].host).toBe('staging.mocks.example.com');
    expect(solver(json)).toEqual([]);
  });
});
