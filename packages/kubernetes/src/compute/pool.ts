import type { DeploymentV1SpecTemplate } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import type { TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { selectorLabels } from '../labels';
import { PodAutoscaler } from './autoscaler';
import { DisruptionBudget } from './disruption-budget';
import { serverPodTemplate, type ServerPodProps } from './pod-template';

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
  /** Annotations on the pool's Service, for the ingress controller in front of it. */
  readonly serviceAnnotations?: Readonly<Record<string, string>>;
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

export function applyOverrides(
  resource: { addOverride(path: string, value: unknown): void },
  overrides?: Readonly<Record<string, unknown>>,
): void {
  for (const [path, value] of Object.entries(overrides ?? {})) resource.addOverride(path, value);
}

export interface PoolScaffoldSpec {
  readonly name: string;
  readonly component: 'stateless' | 'stateful';
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly dataVolume: ServerPodProps['dataVolume'];
}

/** What both pools build the same way around their controller. */
export interface PoolScaffold {
  readonly selector: Record<string, string>;
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Record<string, string> };
  readonly template: DeploymentV1SpecTemplate;
  readonly autoscaler: PodAutoscaler;
  readonly disruptionBudget: DisruptionBudget;
}

/** The selector, metadata, pod template, HPA and PDB of a server pool, built in the pool's scope. */
export function poolScaffold(scope: Construct, props: ServerPoolProps, spec: PoolScaffoldSpec): PoolScaffold {
  const selector = selectorLabels(spec.component);
  const common = { namespace: props.namespace, labels: props.labels };
  return {
    selector,
    metadata: { name: spec.name, namespace: props.namespace, labels: { ...props.labels } },
    template: serverPodTemplate({ ...props, selector, dataVolume: spec.dataVolume }),
    autoscaler: new PodAutoscaler(scope, 'autoscaler', { ...common, context: props.context, target: { kind: spec.kind, name: spec.name } }),
    disruptionBudget: new DisruptionBudget(scope, 'disruption-budget', {
      ...common,
      profile: props.context.profile,
      name: spec.name,
      selector,
    }),
  };
}

/** A server pool: the shared scaffold, with the controller and Service built by the subclass. */
export abstract class ServerPool extends Construct {
  readonly name: string;
  readonly autoscaler: PodAutoscaler;
  readonly disruptionBudget: DisruptionBudget;
  protected readonly scaffold: PoolScaffold;

  protected constructor(scope: Construct, id: string, props: ServerPoolProps, spec: PoolScaffoldSpec) {
    super(scope, id);
    this.name = spec.name;
    this.scaffold = poolScaffold(this, props, spec);
    this.autoscaler = this.scaffold.autoscaler;
    this.disruptionBudget = this.scaffold.disruptionBudget;
  }
}
