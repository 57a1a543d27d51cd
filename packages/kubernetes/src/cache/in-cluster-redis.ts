import { REDIS_PORT, type TierProfile } from '@mockforge-infra/core';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import { Construct } from 'constructs';
import { hardenedPodBasics, placement, restrictedContainerSecurity, restrictedPodSecurity } from '../compute/pod-template';
import { DisruptionBudget } from '../compute/disruption-budget';
import { OBJECT_NAMES, SERVER_SELECTOR, selectorLabels } from '../labels';
import { KUBERNETES_SIZING } from '../sizing';

export interface InClusterRedisProps {
  readonly profile: TierProfile;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccountName: string;
  /** Holds the AUTH password under `REDIS_PASSWORD_KEY`. */
  readonly secretName: string;
  /** @default the cluster's default storage class */
  readonly storageClassName?: string;
}

export const REDIS_PASSWORD_KEY = 'REDIS_PASSWORD';
const SECRET_DIR = '/var/run/secrets/redis';
const CONF = '/tmp/redis.conf';

/** Writes the config with the password from the mounted Secret, so it never shows in the process list. */
function startScript(): string {
  return [
    'set -eu',
    `{ printf 'requirepass %s\\n' "$(cat ${SECRET_DIR}/${REDIS_PASSWORD_KEY})"; printf 'port ${REDIS_PORT}\\ndir /data\\nappendonly yes\\nprotected-mode yes\\n'; } > ${CONF}`,
    `exec redis-server ${CONF}`,
  ].join('\n');
}

/**
 * Redis for standalone clusters without a managed cache: one primary with AUTH, an append-only
 * file on its own claim, a PDB and a NetworkPolicy that admits only the MockForge pods.
 */
export class InClusterRedis extends Construct {
  readonly statefulSet: StatefulSetV1;
  readonly service: ServiceV1;
  readonly disruptionBudget: DisruptionBudget;
  readonly networkPolicy: NetworkPolicyV1;
  readonly name = OBJECT_NAMES.redis;
  /** In-cluster DNS name, for REDIS_URL. */
  readonly host: string;

  constructor(scope: Construct, id: string, props: InClusterRedisProps) {
    super(scope, id);
    const selector = selectorLabels('redis');
    const metadata = { name: this.name, namespace: props.namespace, labels: { ...props.labels } };
    const { uid, image, resources, probe } = KUBERNETES_SIZING.redis;
    this.host = `${this.name}.${props.namespace}.svc`;
    const tcpProbe = { tcpSocket: [{ port: String(REDIS_PORT) }], ...probe };
    this.service = new ServiceV1(this, 'service', {
      metadata,
      spec: {
        type: 'ClusterIP',
        clusterIp: 'None',
        selector,
        port: [{ name: 'redis', port: REDIS_PORT, targetPort: 'redis', protocol: 'TCP' }],
      },
    });
    this.statefulSet = new StatefulSetV1(this, 'statefulset', {
      metadata,
      spec: {
        replicas: '1',
        serviceName: this.name,
        selector: { matchLabels: selector },
        updateStrategy: [{ type: 'RollingUpdate' }],
        persistentVolumeClaimRetentionPolicy: [{ whenDeleted: 'Retain', whenScaled: 'Retain' }],
        template: {
          metadata: { labels: { ...props.labels } },
          spec: {
            ...hardenedPodBasics(props.serviceAccountName),
            securityContext: restrictedPodSecurity(uid),
            ...placement(selector, false),
            container: [
              {
                name: 'redis',
                image,
                imagePullPolicy: 'IfNotPresent',
                command: ['sh', '-c', startScript()],
                port: [{ name: 'redis', containerPort: REDIS_PORT, protocol: 'TCP' }],
                livenessProbe: tcpProbe,
                readinessProbe: tcpProbe,
                startupProbe: tcpProbe,
                resources: { requests: { ...resources }, limits: { ...resources } },
                securityContext: restrictedContainerSecurity(uid),
                volumeMount: [
                  { name: 'data', mountPath: '/data' },
                  { name: 'tmp', mountPath: '/tmp' },
                  { name: 'auth', mountPath: SECRET_DIR, readOnly: true },
                ],
              },
            ],
            volume: [
              { name: 'tmp', emptyDir: { sizeLimit: KUBERNETES_SIZING.scratchLimit.tmp } },
              {
                name: 'auth',
                secret: {
                  secretName: props.secretName,
                  defaultMode: '0400',
                  items: [{ key: REDIS_PASSWORD_KEY, path: REDIS_PASSWORD_KEY }],
                },
              },
            ],
          },
        },
        volumeClaimTemplate: [
          {
            // Claim templates are immutable: only the stable selector labels go here.
            metadata: { name: 'data', labels: selector },
            spec: {
              accessModes: ['ReadWriteOnce'],
              ...(props.storageClassName ? { storageClassName: props.storageClassName } : {}),
              resources: { requests: { storage: KUBERNETES_SIZING.redis.volume[props.profile.tier] } },
            },
          },
        ],
      },
    });
    this.disruptionBudget = new DisruptionBudget(this, 'disruption-budget', {
      profile: props.profile,
      name: this.name,
      namespace: props.namespace,
      labels: props.labels,
      selector,
      singleInstance: true,
    });
    this.networkPolicy = new NetworkPolicyV1(this, 'network-policy', {
      metadata,
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          { ports: [{ port: String(REDIS_PORT), protocol: 'TCP' }], from: [{ podSelector: { matchLabels: { ...SERVER_SELECTOR } } }] },
        ],
      },
    });
  }
}

/** Why the single Redis primary runs with one replica. */
export const SINGLE_REDIS_REASON =
  'in-cluster Redis is one primary with an append-only file; replicas without Sentinel give no failover, so HA deployments use the managed cache';
