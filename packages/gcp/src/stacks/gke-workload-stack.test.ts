import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import { NGINX_INGRESS, PolicyEngine, TerraformData } from '@mockforge-infra/core';
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
  return { policy, json, app, stacks };
}

describe('GKE workload stack', () => {
  it('is named <tier>-gcp-<region>-workload and labels its objects with the region itself', () => {
    const { json, stacks } = gkeWorkload();
    expect(stacks.filter((s) => s.node.id.endsWith('-workload')).map((s) => s.node.id)).toEqual(['staging-gcp-us-central1-workload']);
    const deployment = resourcesOf(json, 'kubernetes_deployment_v1')[0] as any;
    expect(deployment.metadata.labels.region).toBe('us-central1');
  });

  it('has the CSI driver sync the pods’ Secret from the latest version of each of the region’s Secret Manager secrets', () => {
    const { json } = gkeWorkload();
    // The tier's secret keys, in its order.
    const keys = ['DATABASE_URL', 'REDIS_URL', 'MOCKFORGE_ADMIN_JWT_SECRET', 'MOCKFORGE_ADMIN_USERNAME', 'MOCKFORGE_ADMIN_PASSWORD'];
    const suffix = (key: string) => key.toLowerCase().replace(/_/g, '-');
    const [spcKey, spc] = Object.entries(json.resource.kubernetes_manifest as Record<string, any>).find(
      ([, m]) => m.manifest.kind === 'SecretProviderClass',
    )!;
    const { metadata, spec } = spc.manifest;
    expect(metadata.name).toBe('mockforge-secrets');
    expect(metadata.namespace).toBe('mockforge');
    expect(spec.provider).toBe('gcp');
    expect(spec.parameters.auth).toBe('pod-adc');
    const secrets = JSON.parse(spec.parameters.secrets);
    expect(secrets.map((s: any) => s.path)).toEqual(keys);
    secrets.forEach((s: any, i: number) =>
      expect(s.resourceName).toMatch(
        new RegExp(
          `^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-staging-gcp-us-central1\\.outputs\\.cross-stack-output-google_secret_manager_secretsecrets_${suffix(keys[i]!)}_[0-9A-F]+id\\}/versions/latest$`,
        ),
      ),
    );
    expect(spec.secretObjects).toEqual([
      {
        secretName: 'mockforge-secrets',
        type: 'Opaque',
        labels: metadata.labels,
        data: keys.map((key) => ({ objectName: key, key })),
      },
    ]);
    // The namespace first; then the pods, which mount the class as the bound identity and read the Secret it writes.
    const namespaceKey = Object.keys(json.resource.kubernetes_namespace_v1)[0];
    expect(spc.depends_on).toEqual([`kubernetes_namespace_v1.${namespaceKey}`]);
    const deployments = Object.values(json.resource.kubernetes_deployment_v1 as Record<string, any>);
    expect(deployments).toHaveLength(1);
    const deployment = deployments[0];
    const binding = Object.keys(json.resource.google_service_account_iam_member)[0];
    expect(deployment.depends_on).toEqual([`kubernetes_manifest.${spcKey}`, `google_service_account_iam_member.${binding}`]);
    const pod = deployment.spec.template.spec;
    expect(pod.volume.find((v: any) => v.name === 'secrets-store')).toEqual({
      name: 'secrets-store',
      csi: { driver: 'secrets-store.csi.k8s.io', read_only: true, volume_attributes: { secretProviderClass: 'mockforge-secrets' } },
    });
    expect(pod.container[0].volume_mount.find((m: any) => m.name === 'secrets-store')).toEqual({
      name: 'secrets-store',
      mount_path: '/mnt/secrets-store',
      read_only: true,
    });
    const refs = pod.container[0].env.filter((e: any) => e.value_from).map((e: any) => e.value_from.secret_key_ref.name);
    expect(new Set(refs)).toEqual(new Set(['mockforge-secrets']));
  });

  it('holds no secret value: no Kubernetes Secret and no Secret Manager version read in its state', () => {
    const { json } = gkeWorkload();
    expect(json.resource.kubernetes_secret_v1).toBeUndefined();
    expect(json.resource.kubernetes_secret).toBeUndefined();
    expect(json.data?.google_secret_manager_secret_version).toBeUndefined();
    expect(JSON.stringify(json)).not.toContain('secret_data');
  });

  it('syncs the Secret kubernetes.existingSecretName names', () => {
    const { json } = gkeWorkload({ kubernetes: { existingSecretName: 'team-secrets' } });
    const spc = Object.values(json.resource.kubernetes_manifest as Record<string, any>).find(
      (m) => m.manifest.kind === 'SecretProviderClass',
    )!.manifest;
    expect(spc.metadata.name).toBe('team-secrets');
    expect(spc.spec.secretObjects[0].secretName).toBe('team-secrets');
    const pod = (resourcesOf(json, 'kubernetes_deployment_v1')[0] as any).spec.template.spec;
    expect(pod.volume.find((v: any) => v.name === 'secrets-store').csi.volume_attributes).toEqual({ secretProviderClass: 'team-secrets' });
    const refs = pod.container[0].env.filter((e: any) => e.value_from).map((e: any) => e.value_from.secret_key_ref.name);
    expect(new Set(refs)).toEqual(new Set(['team-secrets']));
  });

  it('leaves no secret to fill by hand in the README for GKE', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    expect(readme).not.toContain('kubectl -n mockforge create secret');
    expect(readme).not.toMatch(/-target=kubernetes_/);
  });
});

describe('GKE workload stack behind the global load balancer', () => {
  const { json, app } = gkeWorkload();
  const service = resourcesOf(json, 'kubernetes_service_v1').find((x: any) => x.metadata.name === 'mockforge') as any;

  it('asks GKE for a standalone NEG named for the region on the HTTP port, and builds no Ingress or certificate', () => {
    expect(service.metadata.annotations).toEqual({
      'cloud.google.com/neg': '{"exposed_ports":{"3000":{"name":"mockforge-staging-us-central1-pods"}}}',
    });
    expect(json.resource.kubernetes_ingress_v1).toBeUndefined();
    expect(json.resource.google_compute_managed_ssl_certificate).toBeUndefined();
    expect(JSON.stringify(json)).not.toContain(NGINX_INGRESS.tlsSecretName);
  });

  it('admits Google front ends, and no ingress controller namespace, to the HTTP port in the NetworkPolicy', () => {
    const server = resourcesOf(json, 'kubernetes_network_policy_v1').find((p: any) => p.metadata.name === 'mockforge-server') as any;
    expect(server.spec.ingress[0].from).toEqual([{ ip_block: { cidr: '35.191.0.0/16' } }, { ip_block: { cidr: '130.211.0.0/22' } }]);
    expect(server.spec.ingress[0].ports).toEqual([{ port: '3000', protocol: 'TCP' }]);
  });

  it('reaches the API through the cluster’s DNS endpoint as whoever applies (GKE’s exec plugin, no token frozen into a plan) and no cluster CA', () => {
    const provider = json.provider.kubernetes[0];
    expect(Object.keys(provider).sort()).toEqual(['exec', 'host', 'ignore_annotations']);
    expect(provider.host).toMatch(
      /^https:\/\/\$\{data\.terraform_remote_state\.cross-stack-reference-input-staging-gcp-us-central1\.outputs\.cross-stack-output-google_container_cluster[A-Za-z0-9_-]+control_plane_endpoints_config0dns_endpoint_config0endpoint\}$/,
    );
    expect(provider.exec).toEqual([{ api_version: 'client.authentication.k8s.io/v1beta1', command: 'gke-gcloud-auth-plugin' }]);
    expect(json.data?.google_client_config).toBeUndefined();
  });

  it('forgets the Secret Terraform wrote before the CSI driver owned it, instead of deleting it (Terraform 1.7)', () => {
    expect(json.removed).toEqual([{ from: 'kubernetes_secret_v1.secrets', lifecycle: { destroy: false } }]);
    expect(json.terraform.required_version).toBe('>= 1.7');
  });

  it('keeps requiring Terraform 1.7 when a terraform_data, which states 1.4, joins the stack after it was built', () => {
    const app: App = Testing.app();
    const context = gcpContext('staging', { compute: { gcp: 'gke' } });
    const workload = gcpTarget
      .addStacks(app, context, new PolicyEngine(gcpRules, { failOnError: false }))
      .find((s) => s.node.id.endsWith('-workload'))!;
    new TerraformData(workload, 'later', { input: { a: 'b' } });
    const later = appSynthJson(workload) as any;
    expect(Object.keys(later.resource.terraform_data)).toEqual(['later']);
    expect(later.terraform.required_version).toBe('>= 1.7');
  });

  it('leaves the NEG controller’s status annotation on the Service alone, so plans stay empty', () => {
    expect(json.provider.kubernetes[0].ignore_annotations).toEqual(['^cloud\\.google\\.com/neg-status$']);
    const ignored = new RegExp(json.provider.kubernetes[0].ignore_annotations[0]);
    expect(ignored.test('cloud.google.com/neg-status')).toBe(true);
    expect(ignored.test('cloud.google.com/neg')).toBe(false);
  });

  it('reads its NEG in each node zone after the Service and the rollout, so its apply fails until GKE created them', () => {
    const negs = Object.fromEntries(
      Object.entries(json.data.google_compute_network_endpoint_group as Record<string, any>).map(([k, { '//': _, ...v }]) => [k, v]),
    );
    const deployment = Object.keys(json.resource.kubernetes_deployment_v1)[0];
    const serviceKey = Object.entries(json.resource.kubernetes_service_v1 as Record<string, any>).find(
      ([, v]) => v.metadata.name === 'mockforge',
    )![0];
    expect(negs).toEqual(
      Object.fromEntries(
        ['us-central1-a', 'us-central1-b', 'us-central1-c'].map((zone) => [
          `pods-${zone}`,
          {
            name: 'mockforge-staging-us-central1-pods',
            zone,
            depends_on: [`kubernetes_service_v1.${serviceKey}`, `kubernetes_deployment_v1.${deployment}`],
          },
        ]),
      ),
    );
  });

  it('exports the NEG name, so the deploy workflow plans the global stack only after this one applied', () => {
    expect(json.output!.network_endpoint_group_name).toMatchObject({ value: 'mockforge-staging-us-central1-pods' });
  });

  it('pulls the image through the region’s Artifact Registry remote repository of ghcr.io', () => {
    const deployment = resourcesOf(json, 'kubernetes_deployment_v1')[0] as any;
    const tag = gcpContext('staging').service.image.split(':').pop();
    expect(deployment.spec.template.spec.container[0].image).toBe(
      `us-central1-docker.pkg.dev/mockforge-example/mockforge-staging-ghcr/saasy-solutions/mockforge:${tag}`,
    );
    const regional = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'staging-gcp-us-central1', 'cdk.tf.json'), 'utf8'));
    expect(Object.values(regional.resource.google_artifact_registry_repository)).toEqual([
      expect.objectContaining({ repository_id: 'mockforge-staging-ghcr', location: 'us-central1', mode: 'REMOTE_REPOSITORY' }),
    ]);
    // The nodes pull with their own service account.
    const readers = Object.values(regional.resource.google_project_iam_member).filter(
      (m: any) => m.role === 'roles/artifactregistry.reader',
    ) as any[];
    expect(readers.map((m) => m.member)).toEqual([
      expect.stringMatching(/^serviceAccount:\$\{google_service_account\.gke_nodes_account_[A-Z0-9]+\.email\}$/),
    ]);
  });

  it('binds the pods’ ServiceAccount to the region’s service account through Workload Identity', () => {
    const account = resourcesOf(json, 'kubernetes_service_account_v1')[0] as any;
    expect(account.metadata.name).toBe('mockforge');
    expect(account.metadata.annotations['iam.gke.io/gcp-service-account']).toMatch(
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-staging-gcp-us-central1\.outputs\./,
    );
    expect(resourcesOf(json, 'google_service_account_iam_member')).toEqual([
      expect.objectContaining({
        role: 'roles/iam.workloadIdentityUser',
        member: 'serviceAccount:mockforge-example.svc.id.goog[mockforge/mockforge]',
        service_account_id: expect.stringContaining('cross-stack-reference-input-staging-gcp-us-central1'),
      }),
    ]);
  });

  it('has a dashboard of the load balancer’s requests and latency to this region’s NEGs and of its containers', () => {
    const dashboard = JSON.parse((resourcesOf(json, 'google_monitoring_dashboard')[0] as any).dashboard_json);
    const filters = dashboard.gridLayout.widgets.map((w: any) => w.xyChart.dataSets[0].timeSeriesQuery.timeSeriesFilter.filter);
    expect(dashboard.displayName).toBe('MockForge staging us-central1 (GKE)');
    expect(filters[0]).toBe(
      'resource.type="https_lb_rule" resource.labels.backend_name="mockforge-staging-us-central1-pods" metric.type="loadbalancing.googleapis.com/https/request_count"',
    );
    expect(filters[1]).toContain('metric.type="loadbalancing.googleapis.com/https/backend_latencies"');
    expect(filters[2]).toMatch(
      /^resource.type="k8s_container" resource.labels.cluster_name="\$\{data.terraform_remote_state.+\}" resource.labels.container_name="mockforge" metric.type="kubernetes.io\/container\/uptime"$/,
    );
    expect(filters[3]).toContain('metric.type="kubernetes.io/container/memory/limit_utilization"');
  });
  it('registers the Kubernetes rules on the policy and passes them', () => {
    const { policy } = gkeWorkload();
    expect(policy.registeredRules.map((r) => r.id)).toEqual(expect.arrayContaining(kubernetesRules.map((r) => r.id)));
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});

describe('GKE workload stack', () => {
  const { json, app, stacks } = gkeWorkload();

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

  it('no longer waits for the global stack, which now waits for it', () => {
    const manifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks['staging-gcp-us-central1-workload'].dependencies).toEqual(['staging-gcp-us-central1']);
    expect(manifest.stacks['staging-gcp-global'].dependencies).toContain('staging-gcp-us-central1-workload');
    expect(stacks.map((s) => s.node.id)).toContain('staging-gcp-global');
  });

  it('plans on a fresh cluster: only the PodMonitoring (managed collection’s CRD) and the SecretProviderClass (the regional stack’s driver’s CRD), unless kubernetes.prometheusOperator is set', () => {
    expect(Object.values(json.resource.kubernetes_manifest).map((m: any) => m.manifest.kind)).toEqual([
      'PodMonitoring',
      'SecretProviderClass',
    ]);
    const regional = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'staging-gcp-us-central1', 'cdk.tf.json'), 'utf8'));
    expect(Object.values(regional.resource.helm_release).map((r: any) => r.chart)).toEqual(['secrets-store-csi-driver']);
    const declared = gkeWorkload({ kubernetes: { prometheusOperator: true } }).json;
    expect(Object.keys(declared.resource.kubernetes_manifest)).toHaveLength(3);
  });
});
