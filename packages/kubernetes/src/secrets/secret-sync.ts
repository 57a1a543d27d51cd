import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import type { SecretKey } from '@mockforge-infra/core';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** The upstream Secrets Store CSI driver (kubernetes-sigs), whatever cloud provider plugin serves it. */
export const SECRETS_STORE_DRIVER = 'secrets-store.csi.k8s.io';
const SECRETS_VOLUME = 'secrets-store';
/** Where the driver mounts the secrets as files; the server reads only the synced Secret's env. */
const SECRETS_MOUNT_PATH = '/mnt/secrets-store';

export interface WorkloadSecretSyncProps {
  /** A literal name: kubernetes_manifest needs known values at plan time. */
  readonly namespace: string;
  /** Created first (the namespace). */
  readonly dependsOn: readonly ITerraformDependable[];
  /** The SecretProviderClass, and the Kubernetes Secret it writes (the one the pods' env reads). */
  readonly name: string;
  /** The driver's provider plugin: `aws`, `gcp`, … */
  readonly provider: string;
  /** The plugin's own parameters (which secrets, how it authenticates). */
  readonly parameters: Readonly<Record<string, string>>;
  /** The keys the pods read; the plugin must name each object after its key (alias, path). */
  readonly keys: readonly SecretKey[];
  readonly labels: Readonly<Record<string, string>>;
}

/** What a pod controller must add to its template: the volume, and the mount in the server container. */
export interface SecretVolumeOverrides {
  readonly 'spec.template.spec.volume': unknown[];
  readonly 'spec.template.spec.container.0.volume_mount': unknown[];
}

/**
 * A SecretProviderClass that reads the tier's secrets from the cloud's secret store with the pod's
 * own identity and syncs them into the Kubernetes Secret the server's env reads. The driver writes
 * that Secret only while a pod mounts the class's volume, so every server pod mounts it
 * (`podOverrides`); a pod that starts before the Secret exists retries until the mount has written it.
 * The SecretProviderClass CRD must exist when this stack plans (kubernetes_manifest).
 */
export class WorkloadSecretSync extends Construct {
  readonly providerClass: Manifest;
  /** Attribute overrides that give a Deployment or StatefulSet the class's volume; each list is appended. */
  readonly podOverrides: SecretVolumeOverrides;

  constructor(scope: Construct, id: string, props: WorkloadSecretSyncProps) {
    super(scope, id);
    this.providerClass = new Manifest(this, 'provider_class', {
      dependsOn: [...props.dependsOn],
      manifest: {
        apiVersion: 'secrets-store.csi.x-k8s.io/v1',
        kind: 'SecretProviderClass',
        metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels } },
        spec: {
          provider: props.provider,
          parameters: { ...props.parameters },
          secretObjects: [
            {
              secretName: props.name,
              type: 'Opaque',
              labels: { ...props.labels },
              data: props.keys.map((key) => ({ objectName: key, key })),
            },
          ],
        },
      },
    });
    this.podOverrides = {
      'spec.template.spec.volume': [
        {
          name: SECRETS_VOLUME,
          csi: { driver: SECRETS_STORE_DRIVER, read_only: true, volume_attributes: { secretProviderClass: props.name } },
        },
      ],
      'spec.template.spec.container.0.volume_mount': [{ name: SECRETS_VOLUME, mount_path: SECRETS_MOUNT_PATH, read_only: true }],
    };
  }
}
