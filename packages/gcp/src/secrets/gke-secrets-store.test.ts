import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import { PolicyEngine } from '@mockforge-infra/core';
import { gcpRules } from '../rules';
import { gcpTarget } from '../target';
import { gcpContext, resourcesOf } from '../testing/fixtures';

/** The staging tier on GKE: the primary regional stack (which creates the cluster) and the app's manifest. */
function gkeRegional() {
  const app: App = Testing.app();
  const policy = new PolicyEngine(gcpRules, { failOnError: false });
  gcpTarget.addStacks(app, gcpContext('staging', { compute: { gcp: 'gke' } }), policy);
  app.synth();
  const read = (path: string) => JSON.parse(readFileSync(join(app.outdir, path), 'utf8'));
  return { json: read('stacks/staging-gcp-us-central1/cdk.tf.json'), manifest: read('manifest.json'), policy };
}

const DNS_ENDPOINT =
  /^https:\/\/\$\{google_container_cluster\.gke_cluster_[A-Z0-9]+\.control_plane_endpoints_config\[0\]\.dns_endpoint_config\[0\]\.endpoint\}$/;

describe('Secrets Store CSI driver on GKE (regional stack)', () => {
  const { json, manifest, policy } = gkeRegional();
  const nodePool = `google_container_node_pool.${Object.keys(json.resource.google_container_node_pool)[0]}`;

  it('installs the upstream driver chart, pinned, in kube-system, with secret sync, rotation and the pods’ Workload Identity tokens', () => {
    const releases = Object.values(json.resource.helm_release) as any[];
    expect(releases).toHaveLength(1);
    const { values, ...release } = releases[0];
    expect(release).toMatchObject({
      name: 'csi-secrets-store',
      repository: 'https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts',
      chart: 'secrets-store-csi-driver',
      version: '1.6.0',
      namespace: 'kube-system',
      depends_on: [nodePool],
    });
    expect(values).toHaveLength(1);
    expect(JSON.parse(values[0])).toEqual({
      syncSecret: { enabled: true },
      enableSecretRotation: true,
      rotationPollInterval: '2m',
      tokenRequests: [{ audience: 'mockforge-example.svc.id.goog' }],
      linux: {
        priorityClassName: 'system-node-critical',
        driver: { resources: { requests: { cpu: '50m', memory: '100Mi' }, limits: { cpu: '200m', memory: '200Mi' } } },
        registrar: { resources: { requests: { cpu: '10m', memory: '20Mi' }, limits: { cpu: '100m', memory: '100Mi' } } },
        livenessProbe: { resources: { requests: { cpu: '10m', memory: '20Mi' }, limits: { cpu: '100m', memory: '100Mi' } } },
      },
    });
  });

  it('reaches the new cluster’s DNS endpoint through GKE’s exec plugin from Helm and Kubernetes alike, with Helm’s records in ConfigMaps', () => {
    const exec = { api_version: 'client.authentication.k8s.io/v1beta1', command: 'gke-gcloud-auth-plugin' };
    const helm = json.provider.helm[0];
    expect(helm).toEqual({ helm_driver: 'configmap', kubernetes: { host: expect.stringMatching(DNS_ENDPOINT), exec } });
    const kubernetes = json.provider.kubernetes[0];
    expect(kubernetes).toEqual({ host: helm.kubernetes.host, exec: [exec] });
    // A token read at plan time would be frozen into the saved plan.
    expect(json.data?.google_client_config).toBeUndefined();
  });

  it('runs Google’s plugin by digest as a non-root DaemonSet in kube-system, with modest requests', () => {
    const [daemonSet] = resourcesOf(json, 'kubernetes_daemon_set_v1') as any[];
    expect(daemonSet.metadata).toEqual({
      name: 'csi-secrets-store-provider-gcp',
      namespace: 'kube-system',
      labels: { app: 'csi-secrets-store-provider-gcp' },
    });
    expect(daemonSet.depends_on).toEqual([nodePool]);
    const pod = daemonSet.spec.template.spec;
    expect(pod.service_account_name).toMatch(
      /^\$\{kubernetes_service_account_v1\.gke-secrets-store_plugin-account_[A-Z0-9]+\.metadata\[0\]\.name\}$/,
    );
    const [provider] = pod.container;
    expect(provider.image).toBe(
      'us-docker.pkg.dev/secretmanager-csi/secrets-store-csi-driver-provider-gcp/plugin@sha256:c87cfa3e8be097c0034f136fb56e37d76966430b69223c12d179398ea0584576',
    );
    expect(provider.env).toEqual([{ name: 'TARGET_DIR', value: '/etc/kubernetes/secrets-store-csi-providers' }]);
    expect(provider.resources).toEqual({ requests: { cpu: '50m', memory: '100Mi' }, limits: { cpu: '50m', memory: '100Mi' } });
    expect(provider.security_context).toMatchObject({
      run_as_user: '1000',
      run_as_non_root: true,
      allow_privilege_escalation: false,
      read_only_root_filesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.volume).toEqual([
      { name: 'providervol', host_path: { path: '/etc/kubernetes/secrets-store-csi-providers', type: 'DirectoryOrCreate' } },
    ]);
    // By its full name, which a Binary Authorization allowlist matches (`docker.io/library/busybox*`).
    expect(pod.init_container[0].image).toBe('docker.io/library/busybox:1.37.0');
    // Only the chown step runs as root, with CHOWN alone.
    expect(pod.init_container[0].security_context).toMatchObject({ run_as_user: '0', capabilities: { drop: ['ALL'], add: ['CHOWN'] } });
  });

  it('lets the plugin read ServiceAccounts and nothing else: the driver hands it the pod’s token', () => {
    expect(resourcesOf(json, 'kubernetes_cluster_role_v1').map((r: any) => r.rule)).toEqual([
      [{ api_groups: [''], resources: ['serviceaccounts'], verbs: ['get'] }],
    ]);
    const [binding] = resourcesOf(json, 'kubernetes_cluster_role_binding_v1') as any[];
    expect(binding.subject).toEqual([
      {
        kind: 'ServiceAccount',
        name: expect.stringMatching(
          /^\$\{kubernetes_service_account_v1\.gke-secrets-store_plugin-account_[A-Z0-9]+\.metadata\[0\]\.name\}$/,
        ),
        namespace: 'kube-system',
      },
    ]);
  });

  it('turns GKE’s own Secret Manager add-on off, so the SecretProviderClass CRDs have one owner', () => {
    expect((resourcesOf(json, 'google_container_cluster')[0] as any).secret_manager_config).toEqual({ enabled: false });
  });

  it('gives the region’s service account, which the pods act as, secretAccessor on each of the region’s secrets', () => {
    const grants = resourcesOf(json, 'google_secret_manager_secret_iam_member') as any[];
    expect(grants).toHaveLength(5);
    for (const grant of grants) {
      expect(grant.role).toBe('roles/secretmanager.secretAccessor');
      expect(grant.member).toMatch(/^serviceAccount:\$\{google_service_account\.identity_account_[A-Z0-9]+\.email\}$/);
    }
    expect(new Set(grants.map((g) => g.secret_id.replace(/_[A-Z0-9]+\.id\}$/, '')))).toEqual(
      new Set(
        ['database-url', 'redis-url', 'mockforge-admin-jwt-secret', 'mockforge-admin-username', 'mockforge-admin-password'].map(
          (s) => `\${google_secret_manager_secret.secrets_${s}`,
        ),
      ),
    );
  });

  it('applies before the workload stack plans, whose SecretProviderClass needs the driver’s CRD', () => {
    expect(manifest.stacks['staging-gcp-us-central1-workload'].dependencies).toEqual(['staging-gcp-us-central1']);
  });

  it('passes the Kubernetes rules, with the init step’s tag-pinned image as its one written exception', () => {
    const plugin = policy.findings.filter((f) => f.address.startsWith('kubernetes_daemon_set_v1.'));
    expect(plugin.filter((f) => !f.suppressedBecause)).toEqual([]);
    expect(plugin.map((f) => f.ruleId)).toEqual(['CKV_K8S_43']);
  });
});
