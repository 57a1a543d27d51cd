import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { ClusterRoleV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-v1';
import { DaemonSetV1 } from '@cdktf/provider-kubernetes/lib/daemon-set-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { PolicyEngine } from '@mockforge-infra/core';
import { resourceQuantities } from '@mockforge-infra/kubernetes';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { GKE_AUTH_EXEC } from '../compute/gke-cluster';
import { GKE_SECRETS_STORE } from '../sizing';

/** Where the driver, its plugin and their RBAC live: the cluster's own system namespace. */
export const SECRETS_STORE_NAMESPACE = 'kube-system';
/** The SecretProviderClass provider name Google's plugin answers to. */
export const GCP_SECRETS_PROVIDER = 'gcp';
const PLUGIN_NAME = 'csi-secrets-store-provider-gcp';
const PLUGIN_ACCOUNT = 'secrets-store-csi-driver-provider-gcp';
/** The driver looks for provider sockets here (the chart's `additionalProvidersDirs`). */
const PROVIDERS_DIR = '/etc/kubernetes/secrets-store-csi-providers';
/** The plugin's health endpoint (`/live`). */
const PLUGIN_HEALTH_PORT = 8095;
/** The plugin's non-root user and group (its image's). */
const PLUGIN_UID = 1000;

type Resources = (typeof GKE_SECRETS_STORE.resources)[keyof typeof GKE_SECRETS_STORE.resources];

/** Requests and limits as Kubernetes quantities, for the chart's values and the plugin's container alike. */
function quantities(r: Resources) {
  return { requests: resourceQuantities(r.requests), limits: resourceQuantities(r.limits) };
}

export interface GkeSecretsStoreProps {
  readonly project: string;
  /** The cluster's DNS endpoint (`https://…`), reached with GKE's exec plugin as in the workload stack. */
  readonly host: string;
  /** The node pool: the DaemonSets roll out onto its nodes, and go before it on destroy. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * The Secrets Store CSI driver with secret sync, and Google's Secret Manager plugin for it, on a GKE
 * cluster. They are installed in the stack that creates the cluster, so the SecretProviderClass CRD
 * exists before the workload stack plans (its kubernetes_manifest needs the CRD at plan time), and a
 * fresh project's first deploy needs no targeted apply: both providers here plan without reaching the
 * cluster while it does not exist yet. The driver comes from its Helm chart; Google publishes its
 * plugin's chart only in its source repository, so the plugin is built here from typed resources
 * following its deploy manifest.
 *
 * The plugin authenticates as the mounting pod's own Kubernetes ServiceAccount: the driver requests
 * that pod's token for the Workload Identity pool (`tokenRequests`), the plugin trades it for the
 * Google service account the ServiceAccount's `iam.gke.io/gcp-service-account` annotation names.
 */
export class GkeSecretsStore extends Construct {
  readonly driver: Release;
  readonly plugin: DaemonSetV1;
  readonly pluginRole: ClusterRoleV1;

  constructor(scope: Construct, id: string, props: GkeSecretsStoreProps) {
    super(scope, id);
    const { resources } = GKE_SECRETS_STORE;
    // Release records as ConfigMaps: a read-only plan identity may read those, not kube-system's Secrets,
    // and these values hold nothing secret. Set before the first install; a later switch loses the release.
    new HelmProvider(this, 'helm', { kubernetes: { host: props.host, exec: GKE_AUTH_EXEC }, helmDriver: 'configmap' });
    new KubernetesProvider(this, 'kubernetes', { host: props.host, exec: [GKE_AUTH_EXEC] });

    this.driver = new Release(this, 'driver', {
      name: 'csi-secrets-store',
      repository: GKE_SECRETS_STORE.chart.repository,
      chart: GKE_SECRETS_STORE.chart.name,
      version: GKE_SECRETS_STORE.chart.version,
      namespace: SECRETS_STORE_NAMESPACE,
      // JSON is YAML; one document, deterministic.
      values: [
        JSON.stringify({
          // secretObjects: the Kubernetes Secret the server's env reads.
          syncSecret: { enabled: true },
          // A new Secret Manager version reaches the synced Secret; pods read it when they restart.
          enableSecretRotation: true,
          rotationPollInterval: GKE_SECRETS_STORE.rotationPollInterval,
          // The pod's own token for the Workload Identity pool, so the plugin mints none.
          tokenRequests: [{ audience: `${props.project}.svc.id.goog` }],
          linux: {
            // Mounts must keep working while nodes are under pressure; kube-system admits this class.
            priorityClassName: 'system-node-critical',
            driver: { resources: quantities(resources.driver) },
            registrar: { resources: quantities(resources.registrar) },
            livenessProbe: { resources: quantities(resources.livenessProbe) },
          },
        }),
      ],
      dependsOn: [...props.dependsOn],
    });

    const labels = { app: PLUGIN_NAME };
    const account = new ServiceAccountV1(this, 'plugin-account', {
      metadata: { name: PLUGIN_ACCOUNT, namespace: SECRETS_STORE_NAMESPACE },
    });
    // It reads the pod's ServiceAccount for its Google service account annotation. Upstream also lets it
    // create tokens for any ServiceAccount; the driver's tokenRequests hand it the pod's, so it need not.
    this.pluginRole = new ClusterRoleV1(this, 'plugin-role', {
      metadata: { name: `${PLUGIN_ACCOUNT}-role` },
      rule: [{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get'] }],
    });
    new ClusterRoleBindingV1(this, 'plugin-role-binding', {
      metadata: { name: `${PLUGIN_ACCOUNT}-rolebinding` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: this.pluginRole.metadata.name },
      subject: [{ kind: 'ServiceAccount', name: account.metadata.name, namespace: SECRETS_STORE_NAMESPACE }],
    });
    const probe = { httpGet: { path: '/live', port: String(PLUGIN_HEALTH_PORT) }, periodSeconds: 30, timeoutSeconds: 10 };
    const restricted = {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      seccompProfile: { type: 'RuntimeDefault' },
    };
    this.plugin = new DaemonSetV1(this, 'plugin', {
      metadata: { name: PLUGIN_NAME, namespace: SECRETS_STORE_NAMESPACE, labels },
      spec: {
        selector: { matchLabels: labels },
        strategy: { type: 'RollingUpdate' },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: account.metadata.name,
            priorityClassName: 'system-node-critical',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
            initContainer: [
              {
                // The socket directory is a root-owned host path; only this step runs as root, with CHOWN alone.
                name: 'chown-provider-mount',
                image: GKE_SECRETS_STORE.initImage,
                command: ['chown', `${PLUGIN_UID}:${PLUGIN_UID}`, PROVIDERS_DIR],
                securityContext: { ...restricted, runAsUser: '0', capabilities: { drop: ['ALL'], add: ['CHOWN'] } },
                resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '10m', memory: '16Mi' } },
                volumeMount: [{ name: 'providervol', mountPath: PROVIDERS_DIR }],
              },
            ],
            container: [
              {
                name: 'provider',
                image: GKE_SECRETS_STORE.pluginImage,
                imagePullPolicy: 'IfNotPresent',
                env: [{ name: 'TARGET_DIR', value: PROVIDERS_DIR }],
                securityContext: {
                  ...restricted,
                  runAsUser: String(PLUGIN_UID),
                  runAsGroup: String(PLUGIN_UID),
                  runAsNonRoot: true,
                  capabilities: { drop: ['ALL'] },
                },
                resources: quantities(resources.plugin),
                volumeMount: [{ name: 'providervol', mountPath: PROVIDERS_DIR, mountPropagation: 'None' }],
                startupProbe: { httpGet: probe.httpGet, periodSeconds: 2, failureThreshold: 30 },
                livenessProbe: { ...probe, failureThreshold: 3 },
                readinessProbe: probe,
              },
            ],
            volume: [{ name: 'providervol', hostPath: { path: PROVIDERS_DIR, type: 'DirectoryOrCreate' } }],
          },
        },
      },
      dependsOn: [...props.dependsOn],
    });
    PolicyEngine.suppress(
      this.plugin,
      'CKV_K8S_43',
      'the plugin runs by digest; its one-line init step (chown) runs busybox by release tag, set in GKE_SECRETS_STORE.initImage; set an @sha256 digest there to pin it by content',
    );
  }
}
