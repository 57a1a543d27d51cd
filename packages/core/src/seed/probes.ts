import { HEALTH_PATHS, PORTS } from './runtime';

/** Health checks (hosting guide: High Availability), on the HTTP port. */
export interface ProbeSpec {
  readonly path: string;
  readonly port: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  readonly successThreshold: number;
}

export const PROBES: Readonly<Record<'liveness' | 'readiness' | 'startup', ProbeSpec>> = {
  liveness: {
    path: HEALTH_PATHS.liveness,
    port: PORTS.http,
    periodSeconds: 30,
    timeoutSeconds: 5,
    failureThreshold: 3,
    successThreshold: 1,
  },
  readiness: {
    path: HEALTH_PATHS.readiness,
    port: PORTS.http,
    periodSeconds: 10,
    timeoutSeconds: 3,
    failureThreshold: 3,
    successThreshold: 1,
  },
  startup: { path: HEALTH_PATHS.startup, port: PORTS.http, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 30, successThreshold: 1 },
};

/** Load balancer target health (hosting guide: Load Balancing). Stateless, so no stickiness. */
export const TARGET_HEALTH = {
  path: HEALTH_PATHS.readiness,
  port: PORTS.http,
  protocol: 'HTTP',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThreshold: 2,
  unhealthyThreshold: 3,
  stickiness: false,
} as const;

/** Long enough to drain in-flight requests and WebSocket connections after readiness fails. */
export const TERMINATION_GRACE_SECONDS = 60;
