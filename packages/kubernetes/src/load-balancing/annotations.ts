import {
  HEALTH_PATHS,
  NGINX_INGRESS,
  PUBLIC_PORTS,
  WEBSOCKET_IDLE_TIMEOUT_SECONDS,
  type BalancingAlgorithm,
  type IngressClass,
} from '@mockforge-infra/core';
import type { IngressTlsSource } from '../options';

const NGINX = 'nginx.ingress.kubernetes.io';
const ALB = 'alb.ingress.kubernetes.io';
const AGIC = 'appgw.ingress.kubernetes.io';

/**
 * ingress-nginx per algorithm. Round robin is the guide's annotation block verbatim; note that
 * ingress-nginx gives `upstream-hash-by` precedence over `load-balance`, so the guide's block hashes
 * by request URI. ingress-nginx has no per-endpoint weights (canary-weight splits between
 * Services, not pods), and every pod is the same size, so `weighted` is plain round robin.
 */
const NGINX_ALGORITHMS: Readonly<Record<BalancingAlgorithm, Record<string, string>>> = {
  'round-robin': { [`${NGINX}/load-balance`]: NGINX_INGRESS.loadBalance, [`${NGINX}/upstream-hash-by`]: NGINX_INGRESS.upstreamHashBy },
  'least-connections': { [`${NGINX}/load-balance`]: 'ewma' },
  'ip-hash': { [`${NGINX}/upstream-hash-by`]: '$remote_addr' },
  weighted: { [`${NGINX}/load-balance`]: NGINX_INGRESS.loadBalance },
};

/** ALB target group algorithms; ALB has no IP hash, so `ip-hash` uses load balancer cookie stickiness. */
const ALB_ALGORITHMS: Readonly<Record<BalancingAlgorithm, string>> = {
  'round-robin': 'load_balancing.algorithm.type=round_robin',
  'least-connections': 'load_balancing.algorithm.type=least_outstanding_requests',
  'ip-hash': 'load_balancing.algorithm.type=round_robin,stickiness.enabled=true,stickiness.type=lb_cookie',
  weighted: 'load_balancing.algorithm.type=weighted_random',
};

/**
 * cert-manager issues the ingress certificate: managed TLS on a class that takes a TLS Secret,
 * unless the cloud load balancer holds the certificate.
 */
export function usesCertManager(
  ingressClass: IngressClass,
  tlsMode: 'managed' | 'provided' = 'managed',
  source: IngressTlsSource = 'cluster',
): boolean {
  return source === 'cluster' && tlsMode === 'managed' && ingressClass !== 'alb';
}

export interface AnnotationInput {
  readonly ingressClass: IngressClass;
  readonly algorithm: BalancingAlgorithm;
  /** cert-manager issues the certificate (tls.mode managed). */
  readonly managedCertificate: boolean;
}

/** Ingress annotations per class: TLS redirect, the balancing algorithm and WebSocket-friendly timeouts. */
export function ingressAnnotations(input: AnnotationInput): Record<string, string> {
  const timeout = String(WEBSOCKET_IDLE_TIMEOUT_SECONDS);
  const issuer: Record<string, string> =
    input.managedCertificate && usesCertManager(input.ingressClass)
      ? { 'cert-manager.io/cluster-issuer': NGINX_INGRESS.clusterIssuer }
      : {};
  switch (input.ingressClass) {
    case 'nginx':
      return {
        ...issuer,
        [`${NGINX}/ssl-redirect`]: NGINX_INGRESS.sslRedirect,
        ...NGINX_ALGORITHMS[input.algorithm],
        [`${NGINX}/proxy-read-timeout`]: timeout,
        [`${NGINX}/proxy-send-timeout`]: timeout,
      };
    case 'alb':
      return {
        [`${ALB}/target-type`]: 'ip',
        [`${ALB}/listen-ports`]: JSON.stringify([{ HTTP: PUBLIC_PORTS.http }, { HTTPS: PUBLIC_PORTS.https }]),
        [`${ALB}/ssl-redirect`]: String(PUBLIC_PORTS.https),
        [`${ALB}/healthcheck-path`]: HEALTH_PATHS.readiness,
        [`${ALB}/target-group-attributes`]: ALB_ALGORITHMS[input.algorithm],
        [`${ALB}/load-balancer-attributes`]: `idle_timeout.timeout_seconds=${timeout}`,
      };
    case 'gce':
      // Timeouts and affinity on GCE live in a BackendConfig (see README: not implemented).
      // HTTP is off, so a cert-manager issuer here must solve DNS-01 (see README).
      return { ...issuer, 'kubernetes.io/ingress.allow-http': 'false' };
    case 'azure-application-gateway': {
      const affinity: Record<string, string> = { [`${AGIC}/cookie-based-affinity`]: 'true' };
      return {
        ...issuer,
        [`${AGIC}/ssl-redirect`]: 'true',
        [`${AGIC}/health-probe-path`]: HEALTH_PATHS.readiness,
        [`${AGIC}/request-timeout`]: timeout,
        ...(input.algorithm === 'ip-hash' ? affinity : {}),
      };
    }
  }
}
