/**
 * Facts about the MockForge container (shared/mockforge-runtime.md).
 * Where the hosting guide disagrees, these win: health checks never use `/ping`.
 */
export const MOCKFORGE_IMAGE_REPOSITORY = 'ghcr.io/saasy-solutions/mockforge';
export const MOCKFORGE_IMAGE_REGISTRY = 'ghcr.io';

export const PORTS = {
  http: 3000,
  websocket: 3001,
  grpc: 50051,
  admin: 9080,
  metrics: 9090,
} as const;

export const HEALTH_PATHS = {
  liveness: '/health/live',
  readiness: '/health/ready',
  startup: '/health/startup',
} as const;

export const METRICS_PATH = '/metrics';

/** The server reads `serve --config <path>`; a file at /app/config.yaml is ignored. */
export const CONFIG_MOUNT_DIR = '/etc/mockforge';
export const CONFIG_FILE_NAME = 'mockforge.yaml';
export const CONFIG_FILE_PATH = `${CONFIG_MOUNT_DIR}/${CONFIG_FILE_NAME}`;
export const SERVE_COMMAND = ['serve', '--admin', '--config', CONFIG_FILE_PATH] as const;

/** SQLite state and scratch space; both must be writable with a read-only root filesystem. */
export const WRITABLE_PATHS = { data: '/app/data', tmp: '/tmp' } as const;

/** The image's `mockforge` user. Any non-zero UID satisfies runAsNonRoot. */
export const RUN_AS_UID = 1000;

/** The server allows up to 60 s for initialisation. */
export const STARTUP_BUDGET_SECONDS = 60;

/** Environment variables the server actually reads. */
export const ENV = {
  httpPort: 'MOCKFORGE_HTTP_PORT',
  wsPort: 'MOCKFORGE_WS_PORT',
  grpcPort: 'MOCKFORGE_GRPC_PORT',
  adminPort: 'MOCKFORGE_ADMIN_PORT',
  adminEnabled: 'MOCKFORGE_ADMIN_ENABLED',
  adminHost: 'MOCKFORGE_ADMIN_HOST',
  otlpEndpoint: 'MOCKFORGE_OTLP_ENDPOINT',
  otlpSamplingRate: 'MOCKFORGE_OTLP_SAMPLING_RATE',
  otlpServiceName: 'MOCKFORGE_OTLP_SERVICE_NAME',
  logLevel: 'MOCKFORGE_LOG_LEVEL',
  adminJwtSecret: 'MOCKFORGE_ADMIN_JWT_SECRET',
  adminUsername: 'MOCKFORGE_ADMIN_USERNAME',
  adminPassword: 'MOCKFORGE_ADMIN_PASSWORD',
  databaseUrl: 'DATABASE_URL',
  redisUrl: 'REDIS_URL',
  runnerRedisUrl: 'MOCKFORGE_RUNNER_REDIS_URL',
} as const;

/** Secret values the containers receive; never rendered as plain env values. */
export const SECRET_KEYS = [ENV.databaseUrl, ENV.redisUrl, ENV.adminJwtSecret, ENV.adminUsername, ENV.adminPassword] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

export const DATABASE_PORT = 5432;
export const REDIS_PORT = 6379;
export const OTLP_PORTS = { grpc: 4317, http: 4318 } as const;
