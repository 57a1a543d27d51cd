import { METRICS_PATH, PORTS } from './runtime';

/** Observability (hosting guide: Monitoring & Observability). */
export const OBSERVABILITY = {
  metrics: { port: PORTS.metrics, path: METRICS_PATH },
  tracing: { sampleRate: 0.1 },
  logging: { level: 'info', format: 'json' },
} as const;

/** Log retention for application and platform logs, days (CKV_AWS_338 asks for a year). */
export const LOG_RETENTION_DAYS = 365;
