import { INTERNAL_CIDR, type IngressClass, type TierName } from '@mockforge-infra/core';

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
