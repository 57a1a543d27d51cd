import { scalingRange, type PolicyRule, type SynthesizedResource, type TargetContext } from '@mockforge-infra/core';
import { KUBERNETES_SIZING, serverPodResources, type PodRequests } from '../sizing';

/**
 * Node capacity for managed clusters: what a node leaves for pods, and the node type and pool size
 * that follow from the MockForge pods. EKS (`@mockforge-infra/aws`) and GKE (`@mockforge-infra/gcp`)
 * pass their machine catalog and reserve model; the arithmetic and the policy checks live here once.
 *
 * Allocatable model (the kubelet's reservations plus the cloud's own per-node Pods):
 * - CPU, on EKS and GKE alike: 6 % of the first core, 1 % of the second, 0.5 % of cores 3-4 and
 *   0.25 % of every core above 4.
 * - Memory: EKS reserves 255 MiB + 11 MiB per pod the node admits (its ENI-bound max pods); GKE
 *   reserves 25 % of the first 4 GiB, 20 % of the next 4, 10 % of the next 8, 6 % up to 128 GiB and
 *   2 % above (255 MiB below 1 GiB). Both evict below 100 MiB free.
 * - The cloud's DaemonSets (CNI, kube-proxy or Dataplane V2, CSI and log/metric agents) run on every
 *   node; each cloud states a conservative allowance for their requests.
 */

/** A machine the cloud sells. */
export interface MachineShape {
  readonly name: string;
  readonly vcpu: number;
  readonly memoryMiB: number;
  /** Pods a node of this shape admits. */
  readonly maxPods: number;
}

export interface NodeReserveModel {
  /** Memory the kubelet and OS keep (kube-reserved + system-reserved), MiB. */
  readonly reservedMemoryMiB: (shape: MachineShape) => number;
  /** Memory eviction threshold, MiB. */
  readonly evictionMiB: number;
  /** Requests of the cloud's DaemonSets on every node. */
  readonly daemonSets: PodRequests;
}

/** The CPU share EKS and GKE reserve on a node, by core. */
const CPU_RESERVE_STEPS: readonly { readonly cores: number; readonly share: number }[] = [
  { cores: 1, share: 0.06 },
  { cores: 1, share: 0.01 },
  { cores: 2, share: 0.005 },
  { cores: Infinity, share: 0.0025 },
];

export function reservedCpuMillis(vcpu: number): number {
  let left = vcpu;
  let reserved = 0;
  for (const step of CPU_RESERVE_STEPS) {
    const cores = Math.min(left, step.cores);
    reserved += cores * 1000 * step.share;
    left -= cores;
  }
  return Math.round(reserved);
}

/** What pods other than the cloud's DaemonSets may request on one node. */
export function schedulableCapacity(shape: MachineShape, model: NodeReserveModel): PodRequests {
  return {
    cpuMillis: shape.vcpu * 1000 - reservedCpuMillis(shape.vcpu) - model.daemonSets.cpuMillis,
    memoryMiB: shape.memoryMiB - model.reservedMemoryMiB(shape) - model.evictionMiB - model.daemonSets.memoryMiB,
  };
}

/** How many pods of `pod` one node holds (0 when not even one fits). */
export function podsPerNode(shape: MachineShape, model: NodeReserveModel, pod: PodRequests): number {
  const free = schedulableCapacity(shape, model);
  return Math.max(0, Math.min(Math.floor(free.cpuMillis / pod.cpuMillis), Math.floor(free.memoryMiB / pod.memoryMiB), shape.maxPods));
}

/** The MockForge pods one cluster runs: the largest pod's requests and the pod counts at both ends of the HPAs. */
export interface WorkloadDemand {
  readonly pod: PodRequests;
  /** Pods at the HPAs' minimums (what the first apply waits for). */
  readonly minPods: number;
  /** Pods at the HPAs' maximums, plus the Deployment's rolling-update surge (StatefulSets roll without surge). */
  readonly maxPods: number;
  /** Each pool's minimum pods, the Deployment's first, the StatefulSet's (hybrid) second. */
  readonly poolMinimums: readonly number[];
  /** The Deployment's rolling-update surge at its minimum. */
  readonly minSurge: number;
}

export function workloadDemand(context: TargetContext): WorkloadDemand {
  const range = scalingRange(context.profile, 'kubernetes');
  const pools = context.topology.hasStatefulPool ? 2 : 1;
  const surge = Math.ceil(range.max * KUBERNETES_SIZING.maxSurgeFraction);
  return {
    pod: serverPodResources(context.profile.sizing).requests,
    minPods: range.min * pools,
    maxPods: range.max * pools + surge,
    poolMinimums: Array.from({ length: pools }, () => range.min),
    minSurge: Math.ceil(range.min * KUBERNETES_SIZING.maxSurgeFraction),
  };
}

export interface NodePoolPlan {
  readonly machine: MachineShape;
  readonly podsPerNode: number;
  /** Enough nodes for the minimum pods, and never fewer than `floorNodes`. */
  readonly minNodes: number;
  /** Enough nodes for the maximum pods. */
  readonly maxNodes: number;
}

/**
 * The smallest machine of `catalog` (ordered small to large) that holds one pod after the
 * reservations, and the node counts the pod counts need on it.
 */
/**
 * Nodes a pool needs when nothing adds nodes (no node autoscaler): each pool spreads over the zones
 * with skew 1, so a zone may hold the rounded-up share of every pool at once, the Deployment's
 * rollout surge included. A whole number of nodes per zone keeps that true whichever zone it is.
 */
export function fixedCapacityNodes(demand: WorkloadDemand, perNode: number, zones: number): number {
  const podsPerZone = demand.poolMinimums.reduce((sum, pods, i) => sum + Math.ceil((pods + (i === 0 ? demand.minSurge : 0)) / zones), 0);
  return Math.ceil(podsPerZone / perNode) * zones;
}

export interface NodePoolOptions {
  /**
   * Whether something adds nodes when pods are pending (GKE's and DOKS's pool autoscalers). Without
   * one the minimum must hold the minimum pods through a rollout. @default true
   */
  readonly autoscaled?: boolean;
  /** Zones the pool spreads over; needed when `autoscaled` is false. @default floorNodes */
  readonly zones?: number;
}

export function planNodePool(
  catalog: readonly MachineShape[],
  model: NodeReserveModel,
  demand: WorkloadDemand,
  floorNodes: number,
  options: NodePoolOptions = {},
): NodePoolPlan {
  const machine = catalog.find((shape) => podsPerNode(shape, model, demand.pod) > 0);
  if (!machine) {
    throw new Error(
      `no machine in ${catalog.map((s) => s.name).join(', ')} holds a pod requesting ${demand.pod.cpuMillis}m CPU and ${demand.pod.memoryMiB}Mi`,
    );
  }
  const perNode = podsPerNode(machine, model, demand.pod);
  const podNodes =
    options.autoscaled === false ? fixedCapacityNodes(demand, perNode, options.zones ?? floorNodes) : Math.ceil(demand.minPods / perNode);
  const minNodes = Math.max(floorNodes, podNodes);
  return { machine, podsPerNode: perNode, minNodes, maxNodes: Math.max(minNodes, Math.ceil(demand.maxPods / perNode)) };
}

/**
 * Kubernetes labels a node pool carries: the pod it was sized for and the pod count it must hold,
 * so the policy checks below can verify the pool in the cluster's stack without the workload's stack.
 */
export const NODE_SIZING_LABELS = {
  podCpuMillis: 'sizing.mockforge.dev/pod-cpu-millis',
  podMemoryMiB: 'sizing.mockforge.dev/pod-memory-mib',
  maxPods: 'sizing.mockforge.dev/max-pods',
} as const;

export function nodeSizingLabels(demand: WorkloadDemand): Record<string, string> {
  return {
    [NODE_SIZING_LABELS.podCpuMillis]: String(demand.pod.cpuMillis),
    [NODE_SIZING_LABELS.podMemoryMiB]: String(demand.pod.memoryMiB),
    [NODE_SIZING_LABELS.maxPods]: String(demand.maxPods),
  };
}

/** What the checks read from a synthesized node pool. */
export interface NodePoolView {
  readonly machineType: unknown;
  /** Total maximum nodes, when the pool states it. */
  readonly maxNodes: unknown;
  /** The pool's Kubernetes node labels. */
  readonly labels: unknown;
}

export interface NodeFitRuleIds {
  readonly podFits: string;
  readonly replicasFit: string;
}

function declaredDemand(labels: unknown): { pod: PodRequests; maxPods: number } | undefined {
  if (labels === null || typeof labels !== 'object') return undefined;
  const l = labels as Record<string, unknown>;
  const cpu = Number(l[NODE_SIZING_LABELS.podCpuMillis]);
  const memory = Number(l[NODE_SIZING_LABELS.podMemoryMiB]);
  const maxPods = Number(l[NODE_SIZING_LABELS.maxPods]);
  return cpu > 0 && memory > 0 && maxPods > 0 ? { pod: { cpuMillis: cpu, memoryMiB: memory }, maxPods } : undefined;
}

/**
 * Two checks on a managed node pool: the largest pod's requests fit a node's schedulable capacity,
 * and the pool's maximum node count holds the maximum pods. Both read the sizing labels above.
 */
export function nodeFitRules(
  ids: NodeFitRuleIds,
  resourceTypes: readonly string[],
  catalog: readonly MachineShape[],
  model: NodeReserveModel,
  read: (resource: SynthesizedResource) => NodePoolView,
): PolicyRule[] {
  const inspect = (resource: SynthesizedResource) => {
    const view = read(resource);
    const shape = catalog.find((s) => s.name === view.machineType);
    const demand = declaredDemand(view.labels);
    if (!shape) return { problem: `machine type ${JSON.stringify(view.machineType)} is not in the capacity table` } as const;
    if (!demand) return { problem: `the pool lacks the ${Object.values(NODE_SIZING_LABELS).join(', ')} labels` } as const;
    return { view, shape, demand, perNode: podsPerNode(shape, model, demand.pod) } as const;
  };
  return [
    {
      id: ids.podFits,
      severity: 'error',
      description: "The largest pod's requests fit a node's allocatable capacity",
      resourceTypes,
      check: (resource) => {
        const found = inspect(resource);
        if ('problem' in found) return found.problem;
        const free = schedulableCapacity(found.shape, model);
        return found.perNode > 0
          ? undefined
          : `${found.shape.name} leaves ${free.cpuMillis}m CPU and ${free.memoryMiB}Mi for pods; the pod requests ${found.demand.pod.cpuMillis}m and ${found.demand.pod.memoryMiB}Mi`;
      },
    },
    {
      id: ids.replicasFit,
      severity: 'error',
      description: 'The maximum pods fit the maximum node count',
      resourceTypes,
      check: (resource) => {
        const found = inspect(resource);
        if ('problem' in found) return found.problem;
        const maxNodes = Number(found.view.maxNodes);
        if (!(maxNodes > 0)) return 'the pool states no maximum node count';
        return found.perNode * maxNodes >= found.demand.maxPods
          ? undefined
          : `${maxNodes} × ${found.shape.name} hold ${found.perNode * maxNodes} pods; ${found.demand.maxPods} must fit`;
      },
    },
  ];
}
