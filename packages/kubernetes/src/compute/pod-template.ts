import { createHash } from 'node:crypto';
import {
  CONFIG_FILE_NAME,
  CONFIG_MOUNT_DIR,
  RUN_AS_UID,
  TERMINATION_GRACE_SECONDS,
  WRITABLE_PATHS,
  type ProbeSpec,
  type TargetContext,
} from '@mockforge-infra/core';
import type {
  DeploymentV1SpecTemplate,
  DeploymentV1SpecTemplateSpecContainerLivenessProbe,
  DeploymentV1SpecTemplateSpecVolume,
} from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { KUBERNETES_SIZING, resourceQuantities, serverPodResources } from '../sizing';
import { secretEnv } from '../secrets/secret-env';

export interface ServerPodProps {
  readonly context: TargetContext;
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccountName: string;
  readonly configMapName: string;
  readonly secretName: string;
  /** `emptyDir` for the stateless pool; the stateful pool mounts a claim of the same name instead. */
  readonly dataVolume: 'emptyDir' | 'claim';
  /** Spread and anti-affinity match these labels. */
  readonly selector: Readonly<Record<string, string>>;
}

export const VOLUME_NAMES = { config: 'config', tmp: 'tmp', data: 'data' } as const;
export const CONTAINER_NAME = 'mockforge';
const ZONE_KEY = 'topology.kubernetes.io/zone';
const HOST_KEY = 'kubernetes.io/hostname';

function httpProbe(probe: ProbeSpec): DeploymentV1SpecTemplateSpecContainerLivenessProbe {
  return {
    httpGet: { path: probe.path, port: String(probe.port), scheme: 'HTTP' },
    periodSeconds: probe.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds,
    failureThreshold: probe.failureThreshold,
    successThreshold: probe.successThreshold,
  };
}

/** Non-root, read-only root, no privilege escalation, every capability dropped, RuntimeDefault seccomp. */
export function restrictedContainerSecurity(uid: number) {
  return {
    runAsNonRoot: true,
    runAsUser: String(uid),
    runAsGroup: String(uid),
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export function restrictedPodSecurity(uid: number) {
  return {
    runAsNonRoot: true,
    runAsUser: String(uid),
    runAsGroup: String(uid),
    fsGroup: String(uid),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Zone spread (hard in HA tiers) and a preference for one pod per node. */
export function placement(selector: Readonly<Record<string, string>>, highlyAvailable: boolean) {
  const labelSelector = [{ matchLabels: { ...selector } }];
  return {
    topologySpreadConstraint: [
      { maxSkew: 1, topologyKey: ZONE_KEY, whenUnsatisfiable: highlyAvailable ? 'DoNotSchedule' : 'ScheduleAnyway', labelSelector },
      { maxSkew: 1, topologyKey: HOST_KEY, whenUnsatisfiable: 'ScheduleAnyway', labelSelector },
    ],
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: HOST_KEY, labelSelector } }],
      },
    },
  };
}

/** Pod-level settings every workload shares: no host namespaces, no token, no service links. */
export function hardenedPodBasics(serviceAccountName: string) {
  return {
    serviceAccountName,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    hostPid: false,
    hostIpc: false,
    hostNetwork: false,
  };
}

/** The MockForge pod: the container facts from core's ServiceSpec, hardened for `restricted`. */
export function serverPodTemplate(props: ServerPodProps): DeploymentV1SpecTemplate {
  const { context } = props;
  const { service, profile } = context;
  const resources = serverPodResources(profile.sizing);
  const volumes: DeploymentV1SpecTemplateSpecVolume[] = [
    { name: VOLUME_NAMES.config, configMap: { name: props.configMapName, defaultMode: '0444' } },
    { name: VOLUME_NAMES.tmp, emptyDir: { sizeLimit: KUBERNETES_SIZING.scratchLimit.tmp } },
    ...(props.dataVolume === 'emptyDir' ? [{ name: VOLUME_NAMES.data, emptyDir: { sizeLimit: KUBERNETES_SIZING.scratchLimit.data } }] : []),
  ];
  return {
    metadata: {
      labels: { ...props.labels },
      // A config change rolls the pods.
      annotations: { 'mockforge.dev/config-sha256': createHash('sha256').update(service.configFile.content).digest('hex') },
    },
    spec: {
      ...hardenedPodBasics(props.serviceAccountName),
      terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
      securityContext: restrictedPodSecurity(RUN_AS_UID),
      ...placement(props.selector, profile.highlyAvailable),
      container: [
        {
          name: CONTAINER_NAME,
          image: service.image,
          imagePullPolicy: 'IfNotPresent',
          args: [...service.args],
          port: service.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })),
          env: [
            ...Object.entries(service.env).map(([name, value]) => ({ name, value })),
            ...secretEnv(props.secretName, service.secretKeys),
          ],
          startupProbe: httpProbe(service.probes.startup),
          livenessProbe: httpProbe(service.probes.liveness),
          readinessProbe: httpProbe(service.probes.readiness),
          resources: { requests: resourceQuantities(resources.requests), limits: resourceQuantities(resources.limits) },
          securityContext: restrictedContainerSecurity(RUN_AS_UID),
          volumeMount: [
            { name: VOLUME_NAMES.config, mountPath: CONFIG_MOUNT_DIR, readOnly: true },
            { name: VOLUME_NAMES.tmp, mountPath: WRITABLE_PATHS.tmp },
            { name: VOLUME_NAMES.data, mountPath: WRITABLE_PATHS.data },
          ],
        },
      ],
      volume: volumes,
    },
  };
}

/** The ConfigMap key the server's `--config` path points at. */
export const CONFIG_KEY = CONFIG_FILE_NAME;
