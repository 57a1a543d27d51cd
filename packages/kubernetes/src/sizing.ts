import { INTERNAL_CIDR, type IngressClass, type TierName, type TierSizing } from '@mockforge-infra/core';

/**
 * Kubernetes-specific values: volume sizes, the in-cluster Redis image and the load balancer
 * source ranges per ingress class. Every number from the hosting guide comes from core.
 */
export const KUBERNETES_SIZING = {
  /** One claim per stateful replica for /app/data (SQLite recordings and analytics). */
  dataVolume: { dev: '1Gi', staging: '5Gi', production: '20Gi' } satisfies Record<TierName, string>,
  /** Caps on the emptyDir scratch volumes of the read-only root filesystem. */
  scratchLimit: { tmp: '256Mi', data: '1Gi' },
  /** Rolling updates add pods before removing any (maxUnavailable stays 0). */
  maxSurge: '25%',
  /** The same surge as a fraction, for the node pool's headroom (Kubernetes rounds surge up). */
  maxSurgeFraction: 0.25,
  /** Share of the guide's CPU a server pod requests; see `serverPodResources`. */
  cpuRequestShare: 0.9,
  redis: {
    /** Official image, pinned; runs as the image's `redis` user. */
    image: 'redis:7.4.2-alpine',
    uid: 999,
    volume: { dev: '1Gi', staging: '5Gi', production: '20Gi' } satisfies Record<TierName, string>,
    resources: { cpu: '250m', memory: '512Mi' },
    /** Redis's own TCP readiness and liveness check (the guide's probes are MockForge's). */
    probe: { periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
  },
  /** Target per pod for the optional custom metrics (active WebSocket connections). */
  websocketConnectionsPerPod: 1000,
} as const;

/**
 * Where ingress traffic reaches the pods from, besides the ingress controller's namespace:
 * cloud load balancers send it straight to pod IPs. ALB and Application Gateway sit inside the
 * private network (core's INTERNAL_CIDR); Google's front ends proxy from fixed public ranges.
 */
export const LOAD_BALANCER_SOURCE_CIDRS: Readonly<Record<IngressClass, readonly string[]>> = {
  nginx: [],
  alb: [INTERNAL_CIDR],
  gce: ['35.191.0.0/16', '130.211.0.0/22'],
  'azure-application-gateway': [INTERNAL_CIDR],
};

/** A pod's requests, in the units node capacity is counted in. */
export interface PodRequests {
  readonly cpuMillis: number;
  readonly memoryMiB: number;
}

/**
 * How the guide's per-instance size ("8 CPU / 8 GB" for production large) maps to a MockForge pod.
 * - Limits are the guide's instance: a pod may use up to 8 CPU and 8192 MiB.
 * - Memory request = limit: memory cannot be throttled, and a pod above its request is evicted first.
 * - CPU request = 90 % of the guide's CPU. The guide's instance is a whole machine, but a node of the
 *   same vCPU count keeps part of it for the kubelet, the OS and the cloud's node agents
 *   (`compute/node-fit.ts`); requesting the full 8 CPU would need a 16-vCPU node per pod. CPU above
 *   the request is throttled, never killed, so a pod still bursts to the guide's 8 CPU on an idle node.
 *   The HPA's CPU target is a share of the request, so balanced (70 %) scales out at 5.04 CPU.
 * Node types and pool sizes follow from these requests (`planNodePool`).
 */
export function serverPodResources(sizing: TierSizing): {
  readonly requests: PodRequests;
  readonly limits: PodRequests;
} {
  const cpuMillis = Math.round(sizing.cpu * 1000);
  return {
    requests: { cpuMillis: Math.round(cpuMillis * KUBERNETES_SIZING.cpuRequestShare), memoryMiB: sizing.memoryMiB },
    limits: { cpuMillis, memoryMiB: sizing.memoryMiB },
  };
}

/** Kubernetes quantity strings for a pod's resources. */
export function resourceQuantities(r: PodRequests): { cpu: string; memory: string } {
  return { cpu: `${r.cpuMillis}m`, memory: `${r.memoryMiB}Mi` };
}
