import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import { NGINX_INGRESS, PolicyEngine } from '@mockforge-infra/core';
import { kubernetesRules } from '@mockforge-infra/kubernetes';
import { gcpRules } from '../rules';
import { gcpTarget } from '../target';
import { appSynthJson, gcpContext, resourcesOf } from '../testing/fixtures';

/** The staging tier on GKE: the primary region's workload stack and its synthesized JSON. */
function gkeWorkload(configChanges: Parameters<typeof gcpContext>[2] = {}) {
  const app: App = Testing.app();
  const policy = new PolicyEngine(gcpRules, { failOnError: false });
  const context = gcpContext('staging', { compute: { gcp: 'gke' } }, configChanges);
  const stacks = gcpTarget.addStacks(app, context, policy);
  const workload = stacks.find((s) => s.node.id.endsWith('-workload'))!;
  const json = appSynthJson(workload) as any;
  const ingress = resourcesOf(json, 'kubernetes_ingress_v1')[0] as any;
  const solvers = resourcesOf(json, 'kubernetes_network_policy_v1').filter((p: any) => p.metadata.name === 'acme-http01-solver');
  return { policy, json, ingress, solvers, app, stacks };
}

describe('GKE workload stack', () => {
  it('is named <tier>-gcp-<region>-workload and labels its objects with the region itself', () => {
    const { json, stacks } = gkeWorkload();
    expect(stacks.filter((s) => s.node.id.endsWith('-workload')).map((s) => s.node.id)).toEqual(['staging-gcp-us-central1-workload']);
    const deployment = resourcesOf(json, 'kubernetes_deployment_v1')[0] as any;
    expect(deployment.metadata.labels.region).toBe('us-central1');
  });

  it('holds the namespace the README first-deploy step targets', () => {
    const { json } = gkeWorkload();
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const targets = [...readme.matchAll(/-target=(kubernetes_\w+)\.([\w-]+)/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(targets).toEqual([['kubernetes_namespace_v1', 'workload_namespace_A28E5B47']]);
    for (const [type, id] of targets) expect(json.resource[type]).toHaveProperty([id]);
  });
});

describe('GKE workload stack ingress TLS', () => {
  it('attaches a Google-managed certificate for the tier hostname; no cert-manager issuer, TLS Secret or HTTP-01 solver policy', () => {
    const { json, ingress, solvers } = gkeWorkload();
    const certificates = json.resource.google_compute_managed_ssl_certificate as Record<string, any>;
    const [key, certificate] = Object.entries(certificates)[0]!;
    expect(Object.keys(certificates)).toHaveLength(1);
    expect(certificate).toMatchObject({
      name: 'mockforge-staging-us-central1-ingress',
      managed: { domains: ['staging.mocks.example.com'] },
    });
    expect(ingress.metadata.annotations).toEqual({
      'kubernetes.io/ingress.allow-http': 'false',
      'ingress.gcp.kubernetes.io/pre-shared-cert': `\${google_compute_managed_ssl_certificate.${key}.name}`,
      'kubernetes.io/ingress.global-static-ip-name': 'mockforge-staging-edge',
      'kubernetes.io/ingress.class': 'gce',
    });
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBeUndefined();
    expect(ingress.spec.tls).toBeUndefined();
    expect(JSON.stringify(json)).not.toContain(NGINX_INGRESS.tlsSecretName);
    expect(ingress.spec.rule[0].host).toBe('staging.mocks.example.com');
    expect(solvers).toEqual([]);
  });

  it('names a provided certificate instead of creating one', () => {
    const { json, ingress, solvers } = gkeWorkload({ tls: { mode: 'provided', gcpCertificate: 'corp-mocks' } });
    expect(json.resource.google_compute_managed_ssl_certificate).toBeUndefined();
    expect(ingress.metadata.annotations['ingress.gcp.kubernetes.io/pre-shared-cert']).toBe('corp-mocks');
    expect(ingress.spec.tls).toBeUndefined();
    expect(solvers).toEqual([]);
  });

  it('registers the Kubernetes rules on the policy and passes them', () => {
    const { policy } = gkeWorkload();
    expect(policy.registeredRules.map((r) => r.id)).toEqual(expect.arrayContaining(kubernetesRules.map((r) => r.id)));
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});

describe('GKE workload stack', () => {
  const { json, ingress, app, stacks } = gkeWorkload();

  it('names the gce class by annotation, which GKE reads, and leaves spec.ingressClassName unset', () => {
    expect(ingress.metadata.annotations['kubernetes.io/ingress.class']).toBe('gce');
    expect(ingress.spec.ingress_class_name).toBeUndefined();
  });

  it('answers every Host through a default backend', () => {
    expect(ingress.spec.default_backend.service.port).toEqual({ name: 'http' });
  });

  it('opens Redis egress on the Memorystore instance’s own port (6378 with in-transit encryption), not 6379', () => {
    const server = resourcesOf(json, 'kubernetes_network_policy_v1').find((p: any) => p.metadata.name === 'mockforge-server') as any;
    const output = 'cross-stack-output-google_redis_instancecache_instance_C409FC14port';
    const redis = server.spec.egress.find((r: any) => String(r.ports[0].port).includes('redis'));
    expect(redis.ports).toEqual([
      { port: `\${data.terraform_remote_state.cross-stack-reference-input-staging-gcp-us-central1.outputs.${output}}`, protocol: 'TCP' },
    ]);
    const regional = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'staging-gcp-us-central1', 'cdk.tf.json'), 'utf8'));
    expect(regional.output[output].value).toMatch(/^\$\{google_redis_instance\.cache_instance_[A-Z0-9]+\.port\}$/);
    expect(JSON.stringify(server.spec.egress)).not.toContain('"6379"');
  });

  it('runs after the global stack that reserves the address its ingress names', () => {
    const manifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks['staging-gcp-us-central1-workload'].dependencies).toEqual(
      expect.arrayContaining(['staging-gcp-global', 'staging-gcp-us-central1']),
    );
    expect(stacks.map((s) => s.node.id)).toContain('staging-gcp-global');
  });

  it('plans on a fresh cluster: only the PodMonitoring, whose CRD managed collection installs, unless kubernetes.prometheusOperator is set', () => {
    expect(Object.values(json.resource.kubernetes_manifest).map((m: any) => m.manifest.kind)).toEqual(['PodMonitoring']);
    const declared = gkeWorkload({ kubernetes: { prometheusOperator: true } }).json;
    expect(Object.keys(declared.resource.kubernetes_manifest)).toHaveLength(2);
  });
});
