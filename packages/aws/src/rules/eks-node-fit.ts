import { attr, type PolicyRule, type SynthesizedResource, type SynthesizedStack } from '@mockforge-infra/core';
import { nodeFitRules, type MachineShape } from '@mockforge-infra/kubernetes';
import { EKS_NODE_RESERVE, EKS_NODE_SHAPES } from '../sizing';

const EKS_SHAPES: readonly MachineShape[] = Object.values(EKS_NODE_SHAPES).flat();
const INSTANCE_TYPE_KEY = 'node.kubernetes.io/instance-type';

interface Requirement {
  readonly key?: unknown;
  readonly values?: unknown;
}

const isNodePool = (r: SynthesizedResource) => attr(r.attributes, 'manifest.kind') === 'NodePool';

/** The smallest instance type the pool allows, by vCPU: every other one holds at least its pods. */
function smallestInstanceType(requirements: unknown): MachineShape | string | undefined {
  const types = Array.isArray(requirements)
    ? ((requirements as Requirement[]).find((q) => q.key === INSTANCE_TYPE_KEY)?.values as unknown[] | undefined)
    : undefined;
  if (!types || types.length === 0) return undefined;
  const shapes = types.map((t) => EKS_SHAPES.find((s) => s.name === t));
  const unknown = types.find((_, i) => !shapes[i]);
  if (unknown !== undefined) return String(unknown);
  return [...(shapes as MachineShape[])].sort((a, b) => a.vcpu - b.vcpu || a.memoryMiB - b.memoryMiB)[0];
}

/**
 * MF_AWS_3: the largest MockForge pod fits the smallest instance type the Auto Mode NodePool allows,
 * after the node's reservations; MF_AWS_4: the pool's CPU limit, in nodes of that type, holds the
 * maximum pods. Only NodePool manifests are checked. Registered with the EKS workload, so ECS synths
 * never load the Kubernetes package.
 */
export const eksNodeFitRules: readonly PolicyRule[] = nodeFitRules(
  { podFits: 'MF_AWS_3', replicasFit: 'MF_AWS_4' },
  ['kubernetes_manifest'],
  EKS_SHAPES,
  EKS_NODE_RESERVE,
  (r) => {
    const smallest = smallestInstanceType(attr(r.attributes, 'manifest.spec.template.spec.requirements'));
    const cpuLimit = Number(attr(r.attributes, 'manifest.spec.limits.cpu'));
    return {
      machineType: typeof smallest === 'object' ? smallest.name : smallest,
      maxNodes: typeof smallest === 'object' && cpuLimit > 0 ? Math.floor(cpuLimit / smallest.vcpu) : undefined,
      labels: attr(r.attributes, 'manifest.spec.template.metadata.labels'),
    };
  },
).map((rule) => ({
  ...rule,
  check: (r: SynthesizedResource, stack: SynthesizedStack) => (isNodePool(r) ? rule.check(r, stack) : undefined),
}));
