import { attr, attrs, SECRET_KEYS, ENV, type PolicyRule } from '@mockforge-infra/core';
import { containerRule, CONTROLLER_TYPES, HPA_TYPES, PDB_TYPES, podLabels, sameNamespace, selects } from './workload-view';

const SECRET_NAMES: readonly string[] = [...SECRET_KEYS, ENV.runnerRedisUrl];

/** MockForge's HA and secret-handling rules for Kubernetes (no Terraform-side scanner checks these). */
export const availabilityRules: PolicyRule[] = [
  {
    id: 'MF_K8S_1',
    severity: 'warning',
    description: 'Every Deployment and StatefulSet has a PodDisruptionBudget',
    resourceTypes: CONTROLLER_TYPES,
    check: (workload, stack) => {
      const labels = podLabels(workload);
      const covered = PDB_TYPES.flatMap((t) => stack.ofType(t)).some(
        (pdb) => sameNamespace(pdb, workload) && selects(attr(pdb.attributes, 'spec.selector.match_labels'), labels),
      );
      return covered ? undefined : 'no PodDisruptionBudget in its namespace selects its pods';
    },
  },
  {
    id: 'MF_K8S_2',
    severity: 'warning',
    description: 'Deployments and StatefulSets run at least two replicas',
    resourceTypes: CONTROLLER_TYPES,
    check: (workload) => {
      const replicas = Number(attr(workload.attributes, 'spec.replicas') ?? 1);
      return replicas >= 2 ? undefined : `spec.replicas is ${replicas}`;
    },
  },
  containerRule(
    { id: 'MF_K8S_4', severity: 'warning', description: 'Containers have startup, liveness and readiness probes' },
    (c) => {
      const missing = ['startup_probe', 'liveness_probe', 'readiness_probe'].filter((p) => attrs(c, p).length === 0);
      return missing.length > 0 ? `missing ${missing.join(', ')}` : undefined;
    },
    ['container'],
  ),
  {
    id: 'MF_K8S_5',
    severity: 'warning',
    description: 'Every Deployment and StatefulSet has a HorizontalPodAutoscaler',
    resourceTypes: CONTROLLER_TYPES,
    check: (workload, stack) => {
      const name = attr(workload.attributes, 'metadata.name');
      const kind = workload.type.includes('deployment') ? 'Deployment' : 'StatefulSet';
      const scaled = HPA_TYPES.flatMap((t) => stack.ofType(t)).some(
        (hpa) =>
          sameNamespace(hpa, workload) &&
          attr(hpa.attributes, 'spec.scale_target_ref.name') === name &&
          attr(hpa.attributes, 'spec.scale_target_ref.kind') === kind,
      );
      return scaled ? undefined : 'no HorizontalPodAutoscaler targets it';
    },
  },
  containerRule({ id: 'MF_K8S_6', severity: 'error', description: 'Secrets are never rendered as plain environment values' }, (c) => {
    const plain = attrs(c, 'env').filter((e) => {
      const env = e as Record<string, unknown>;
      return SECRET_NAMES.includes(String(env.name)) && env.value !== undefined;
    });
    return plain.length > 0 ? `plain values for ${plain.map((e) => String((e as Record<string, unknown>).name)).join(', ')}` : undefined;
  }),
];
