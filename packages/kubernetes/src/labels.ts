import { SERVICE_NAME } from '@mockforge-infra/core';

/** The namespace of a workload on a cluster of its own (EKS, GKE). */
export const NAMESPACE = SERVICE_NAME;

/** One namespace per tier, so tiers can share a cluster. */
export function tierNamespace(tier: string): string {
  return `${SERVICE_NAME}-${tier}`;
}

export type Component = 'stateless' | 'stateful' | 'redis';

export const NAME_LABEL = 'app.kubernetes.io/name';
export const COMPONENT_LABEL = 'app.kubernetes.io/component';
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';

/** Object names per component. */
export const OBJECT_NAMES: Readonly<Record<Component, string>> = {
  stateless: SERVICE_NAME,
  stateful: `${SERVICE_NAME}-stateful`,
  redis: `${SERVICE_NAME}-redis`,
};

/** Selects every MockForge server pod, stateless and stateful. */
export const SERVER_SELECTOR: Readonly<Record<string, string>> = { [NAME_LABEL]: SERVICE_NAME };

/** Selects one component's pods. */
export function selectorLabels(component: Component): Record<string, string> {
  if (component === 'redis') return { [NAME_LABEL]: 'redis', [PART_OF_LABEL]: SERVICE_NAME };
  return { ...SERVER_SELECTOR, [COMPONENT_LABEL]: component };
}

/** Matches the pods of any namespace by its immutable name label. */
export function namespaceSelector(name: string): { matchLabels: Record<string, string> } {
  return { matchLabels: { 'kubernetes.io/metadata.name': name } };
}

/**
 * Labels on every object: the standard tags, the caller's extras, then the component's selector
 * labels (or, for namespace-wide objects, just `part-of`).
 */
export function objectLabels(
  standard: Readonly<Record<string, string>>,
  component: Component | 'shared',
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const own = component === 'shared' ? { [PART_OF_LABEL]: SERVICE_NAME } : selectorLabels(component);
  return { ...standard, ...extra, ...own };
}
