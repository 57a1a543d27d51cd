/** Circuit breakers (hosting guide: High Availability). Timeouts in seconds. */
export interface CircuitBreaker {
  readonly failureThreshold: number;
  readonly successThreshold: number;
  readonly timeoutSeconds: number;
  readonly halfOpenRequests: number;
}

const DEFAULT_BREAKER: CircuitBreaker = { failureThreshold: 5, successThreshold: 2, timeoutSeconds: 60, halfOpenRequests: 3 };

export const CIRCUIT_BREAKERS: Readonly<Record<'default' | 'database' | 'redis' | 'externalApi', CircuitBreaker>> = {
  default: DEFAULT_BREAKER,
  database: { ...DEFAULT_BREAKER, failureThreshold: 10, timeoutSeconds: 30 },
  redis: { ...DEFAULT_BREAKER, failureThreshold: 5, timeoutSeconds: 15 },
  externalApi: { ...DEFAULT_BREAKER, failureThreshold: 3, timeoutSeconds: 10 },
};
