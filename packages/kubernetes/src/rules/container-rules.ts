import { attr, attrs, type Attributes, type PolicyRule } from '@mockforge-infra/core';
import { containerRule, podRule } from './workload-view';

const security = (c: Attributes, key: string) => attr(c, `security_context.${key}`);
const drops = (c: Attributes) => attrs(c, 'security_context.capabilities.drop').map(String);
const hasProbe = (c: Attributes, probe: string) => {
  const p = attr(c, probe);
  return p !== undefined && p !== null && !(Array.isArray(p) && p.length === 0);
};

function resource(kind: 'requests' | 'limits', name: 'cpu' | 'memory') {
  return (c: Attributes) => (attr(c, `resources.${kind}.${name}`) ? undefined : `resources.${kind}.${name} is not set`);
}

const hostFlag = (flag: string) => (spec: Attributes) => (spec[flag] === true ? `${flag} is true` : undefined);

/** Checkov CKV_K8S_* container and pod checks, on kubernetes_deployment(_v1), stateful sets and pods. */
export const containerRules: PolicyRule[] = [
  containerRule({ id: 'CKV_K8S_16', severity: 'warning', description: 'Containers must not run privileged' }, (c) =>
    security(c, 'privileged') === true ? 'privileged is true' : undefined,
  ),
  containerRule({ id: 'CKV_K8S_20', severity: 'warning', description: 'Containers must not allow privilege escalation' }, (c) =>
    security(c, 'allow_privilege_escalation') === false
      ? undefined
      : 'allow_privilege_escalation is not false (Kubernetes defaults to true)',
  ),
  containerRule({ id: 'CKV_K8S_22', severity: 'warning', description: 'Containers use a read-only root filesystem' }, (c) =>
    security(c, 'read_only_root_filesystem') === true ? undefined : 'read_only_root_filesystem is not true',
  ),
  containerRule({ id: 'CKV_K8S_28', severity: 'warning', description: 'Containers drop the NET_RAW capability' }, (c) =>
    drops(c).some((d) => d === 'ALL' || d === 'NET_RAW') ? undefined : 'capabilities.drop has neither ALL nor NET_RAW',
  ),
  containerRule({ id: 'CKV_K8S_37', severity: 'warning', description: 'Containers drop every capability' }, (c) =>
    drops(c).includes('ALL') ? undefined : 'capabilities.drop does not include ALL',
  ),
  containerRule({ id: 'CKV_K8S_30', severity: 'warning', description: 'Containers have a security context' }, (c) =>
    c.security_context ? undefined : 'no security_context',
  ),
  containerRule({ id: 'CKV_K8S_10', severity: 'warning', description: 'CPU requests are set' }, resource('requests', 'cpu')),
  containerRule({ id: 'CKV_K8S_11', severity: 'warning', description: 'CPU limits are set' }, resource('limits', 'cpu')),
  containerRule({ id: 'CKV_K8S_12', severity: 'warning', description: 'Memory requests are set' }, resource('requests', 'memory')),
  containerRule({ id: 'CKV_K8S_13', severity: 'warning', description: 'Memory limits are set' }, resource('limits', 'memory')),
  containerRule(
    { id: 'CKV_K8S_8', severity: 'warning', description: 'Containers have a liveness probe' },
    (c) => (hasProbe(c, 'liveness_probe') ? undefined : 'no liveness_probe'),
    ['container'],
  ),
  containerRule(
    { id: 'CKV_K8S_9', severity: 'warning', description: 'Containers have a readiness probe' },
    (c) => (hasProbe(c, 'readiness_probe') ? undefined : 'no readiness_probe'),
    ['container'],
  ),
  containerRule({ id: 'CKV_K8S_14', severity: 'warning', description: 'Images are tagged, never latest or blank' }, (c) => {
    const image = typeof c.image === 'string' ? c.image : '';
    if (!image) return 'image is blank';
    if (image.includes('@sha256:')) return undefined;
    const tag = /:([^/:]+)$/.exec(image)?.[1];
    return !tag || tag === 'latest' ? `image ${image} has no tag or uses latest` : undefined;
  }),
  containerRule({ id: 'CKV_K8S_43', severity: 'warning', description: 'Images are pinned by digest' }, (c) =>
    typeof c.image === 'string' && /@sha256:[a-f0-9]{64}$/.test(c.image) ? undefined : `image ${String(c.image)} has no @sha256 digest`,
  ),
  containerRule(
    { id: 'CKV_K8S_35', severity: 'warning', description: 'Secrets are mounted as files rather than environment variables' },
    (c) => {
      const fromKeys = attrs(c, 'env.value_from.secret_key_ref').length;
      const fromSecrets = attrs(c, 'env_from.secret_ref').length;
      return fromKeys + fromSecrets > 0 ? 'secrets are passed as environment variables' : undefined;
    },
  ),
  podRule({ id: 'CKV_K8S_29', severity: 'warning', description: 'Pods have a security context' }, (spec) =>
    spec.security_context ? undefined : 'no pod security_context',
  ),
  podRule({ id: 'CKV_K8S_17', severity: 'warning', description: 'Pods do not share the host PID namespace' }, hostFlag('host_pid')),
  podRule({ id: 'CKV_K8S_18', severity: 'warning', description: 'Pods do not share the host IPC namespace' }, hostFlag('host_ipc')),
  podRule({ id: 'CKV_K8S_19', severity: 'warning', description: 'Pods do not share the host network' }, hostFlag('host_network')),
];
