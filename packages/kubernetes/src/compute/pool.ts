import type { TargetContext } from '@mockforge-infra/core';

/** What both server pools need from the workload. */
export interface ServerPoolProps {
  readonly context: TargetContext;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccountName: string;
  readonly configMapName: string;
  readonly secretName: string;
  /** Escape hatch: attribute overrides on the pool's Deployment or StatefulSet. */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

/** Service ports from the ServiceSpec, targeting the container's named ports. */
export function servicePorts(context: TargetContext) {
  return context.service.ports.map((p) => ({
    name: p.name,
    port: p.port,
    targetPort: p.name,
    protocol: 'TCP',
    ...(p.name === 'grpc' ? { appProtocol: 'kubernetes.io/h2c' } : {}),
  }));
}

/** Terraform leaves the replica count to the HPA after creation. */
export const REPLICAS_MANAGED_BY_HPA = { ignoreChanges: ['spec[0].replicas'] };

export function applyOverrides(resource: { addOverride(path: string, value: unknown): void }, overrides?: Readonly<Record<string, unknown>>): void {
  for (const [path, value] of Object.entries(overrides ?? {})) resource.addOverride(path, value);
}
