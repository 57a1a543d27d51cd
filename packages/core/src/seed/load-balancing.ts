/** Balancing algorithms (hosting guide: Load Balancing Algorithms). */
export const BALANCING_ALGORITHMS = ['round-robin', 'least-connections', 'ip-hash', 'weighted'] as const;
export type BalancingAlgorithm = (typeof BALANCING_ALGORITHMS)[number];
export const DEFAULT_BALANCING_ALGORITHM: BalancingAlgorithm = 'round-robin';

/** The guide's NGINX ingress annotations. */
export const NGINX_INGRESS = {
  className: 'nginx',
  clusterIssuer: 'letsencrypt-prod',
  sslRedirect: 'true',
  loadBalance: 'round_robin',
  upstreamHashBy: '$request_uri',
  tlsSecretName: 'mockforge-tls',
} as const;

/** Idle timeout that keeps WebSocket connections open through proxies, seconds. */
export const WEBSOCKET_IDLE_TIMEOUT_SECONDS = 3600;
