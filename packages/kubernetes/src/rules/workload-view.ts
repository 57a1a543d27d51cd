import { attr, attrs, type Attributes, type PolicyRule, type SynthesizedResource } from '@mockforge-infra/core';

/** Terraform types that run pods, old and versioned names alike. */
export const CONTROLLER_TYPES = [
  'kubernetes_deployment',
  'kubernetes_deployment_v1',
  'kubernetes_stateful_set',
  'kubernetes_stateful_set_v1',
] as const;
export const WORKLOAD_TYPES = [
  ...CONTROLLER_TYPES,
  'kubernetes_daemonset',
  'kubernetes_daemon_set_v1',
  'kubernetes_pod',
  'kubernetes_pod_v1',
] as const;
export const NETWORK_POLICY_TYPES = ['kubernetes_network_policy', 'kubernetes_network_policy_v1'] as const;
export const NAMESPACE_TYPES = ['kubernetes_namespace', 'kubernetes_namespace_v1'] as const;
export const PDB_TYPES = ['kubernetes_pod_disruption_budget', 'kubernetes_pod_disruption_budget_v1'] as const;
export const HPA_TYPES = [
  'kubernetes_horizontal_pod_autoscaler',
  'kubernetes_horizontal_pod_autoscaler_v1',
  'kubernetes_horizontal_pod_autoscaler_v2',
  'kubernetes_horizontal_pod_autoscaler_v2beta2',
] as const;

const isPod = (resource: SynthesizedResource) => resource.type.startsWith('kubernetes_pod');

/** The pod spec of a pod or of a controller's template. */
export function podSpec(resource: SynthesizedResource): Attributes | undefined {
  const spec = attr(resource.attributes, isPod(resource) ? 'spec' : 'spec.template.spec');
  return spec !== null && typeof spec === 'object' ? (spec as Attributes) : undefined;
}

/** The pod's labels, which selectors (PDB, HPA) must match. */
export function podLabels(resource: SynthesizedResource): Readonly<Record<string, unknown>> {
  const labels = attr(resource.attributes, isPod(resource) ? 'metadata.labels' : 'spec.template.metadata.labels');
  return (labels ?? {}) as Record<string, unknown>;
}

export type ContainerKind = 'container' | 'init_container';

export function containers(resource: SynthesizedResource, kinds: readonly ContainerKind[] = ['container', 'init_container']): Attributes[] {
  const spec = podSpec(resource);
  if (!spec) return [];
  return kinds.flatMap((kind) => attrs(spec, kind)).filter((c): c is Attributes => c !== null && typeof c === 'object');
}

/** A rule over every container of a workload; `check` returns why one container fails. */
export function containerRule(
  base: Omit<PolicyRule, 'check' | 'resourceTypes'>,
  check: (container: Attributes) => string | undefined,
  kinds?: readonly ContainerKind[],
): PolicyRule {
  return {
    ...base,
    resourceTypes: WORKLOAD_TYPES,
    check: (resource) => {
      const failures = containers(resource, kinds).flatMap((c) => {
        const why = check(c);
        return why ? [`container ${String(c.name)}: ${why}`] : [];
      });
      return failures.length > 0 ? failures.join('; ') : undefined;
    },
  };
}

/** A rule over the pod spec of a workload. */
export function podRule(base: Omit<PolicyRule, 'check' | 'resourceTypes'>, check: (spec: Attributes) => string | undefined): PolicyRule {
  return {
    ...base,
    resourceTypes: WORKLOAD_TYPES,
    check: (resource) => {
      const spec = podSpec(resource);
      return spec ? check(spec) : 'no pod spec';
    },
  };
}

/** True when every label of `selector` is on `labels`. */
export function selects(selector: unknown, labels: Readonly<Record<string, unknown>>): boolean {
  if (selector === null || typeof selector !== 'object') return false;
  const entries = Object.entries(selector as Record<string, unknown>);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** Same namespace, compared as written (a literal name or the same reference). */
export function sameNamespace(a: SynthesizedResource, b: SynthesizedResource): boolean {
  return attr(a.attributes, 'metadata.namespace') === attr(b.attributes, 'metadata.namespace');
}
