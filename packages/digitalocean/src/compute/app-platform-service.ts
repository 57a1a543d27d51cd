import { App, type AppSpecServiceEnv } from '@cdktf/provider-digitalocean/lib/app';
import { TerraformVariable } from 'cdktf';
import {
  ALERTS,
  asPercent,
  ENV,
  MOCKFORGE_IMAGE_REGISTRY,
  SCALING_TRIGGERS,
  STARTUP_BUDGET_SECONDS,
  TERMINATION_GRACE_SECONDS,
  WRITABLE_PATHS,
  appPlatformRegion,
  parseImage,
  scalingRange,
  type CommonProps,
  type ComputeService,
  type TargetContext,
} from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { DIGITALOCEAN_SIZES, MONITORING } from '../sizing';

/** The App Platform component names: the service and its database binding. */
export const APP_COMPONENT = { service: 'mockforge', database: 'db' } as const;

/** The env var that carries the generated mockforge.yaml; the run command writes it where `serve --config` reads it. */
export const CONFIG_ENV = 'MOCKFORGE_CONFIG_YAML';

export interface AppPlatformServiceProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly projectId: string;
  readonly vpcId: string;
  /**
   * The managed PostgreSQL cluster bound as `${db.DATABASE_URL}`, with its database and user (references, so the
   * binding waits for them); none where the tier runs no managed database (dev), and then no DATABASE_URL.
   */
  readonly database?: { readonly clusterName: string; readonly databaseName: string; readonly databaseUser: string };
  /** The DigitalOcean domain holding the hostname (a reference where this tier creates it). */
  readonly domainName: string;
  /** REDIS_URL, read from the Valkey cluster (sensitive); none where the tier runs no managed cache. */
  readonly redisUrl?: string;
  /** The admin secrets, each a reference (a sensitive variable), never a literal. */
  readonly adminSecrets: Readonly<Record<string, string>>;
}

/**
 * MockForge on App Platform: the pinned ghcr.io image (GHCR registry type, credentials from a
 * sensitive variable for a private image), HTTP on 3000, the guide's readiness check, the tier's
 * size and count, CPU autoscaling on dedicated sizes, alerts, SECRET env vars and the tier hostname.
 * App Platform has no file mounts: the run command writes the generated config to /tmp and runs
 * `serve --config` on it. It has no liveness check of its own in provider 2.71; failed readiness
 * takes an instance out of rotation and App Platform restarts crashed instances.
 */
export class AppPlatformService extends Construct implements ComputeService {
  readonly app: App;
  readonly serviceName: string;
  readonly backendId: string;

  constructor(scope: Construct, id: string, props: AppPlatformServiceProps) {
    super(scope, id);
    const { context, region } = props;
    const image = parseImage(context.service.image);
    if (!image) throw new Error(`unparsable image ${context.service.image}`);
    const repository = image.repository.replace(`${MOCKFORGE_IMAGE_REGISTRY}/`, '');
    const [registry, ...path] = repository.split('/');
    const credentialsVariable = context.config.digitalocean?.registryCredentialsVariable;
    const credentials = credentialsVariable
      ? new TerraformVariable(this, 'registry-credentials', {
          type: 'string',
          sensitive: true,
          description: 'ghcr.io `<username>:<token>` for a private MockForge image (App Platform registry_credentials)',
        })
      : undefined;
    if (credentials && credentialsVariable) credentials.overrideLogicalId(credentialsVariable);
    const size = DIGITALOCEAN_SIZES[context.profile.size];
    const range = scalingRange(context.profile, 'kubernetes');
    const readiness = context.service.probes.readiness;
    const configPath = `${WRITABLE_PATHS.tmp}/mockforge.yaml`;
    const serveArgs = context.service.args.map((a) => (a === context.service.configFile.path ? configPath : a)).join(' ');
    const secret = (key: string, value: string): AppSpecServiceEnv => ({ key, value, type: 'SECRET', scope: 'RUN_TIME' });
    const emails = context.monitoring.notificationEmail ? { destinations: { emails: [context.monitoring.notificationEmail] } } : {};
    const window = MONITORING.appWindow;
    this.app = new App(this, 'app', {
      projectId: props.projectId,
      spec: {
        name: resourceName(context.tier, region),
        region: appPlatformRegion(region),
        vpc: [{ id: props.vpcId }],
        // With DigitalOcean DNS the app names the zone, and App Platform writes the record and issues the certificate.
        domain: [{ name: context.hostname, type: 'PRIMARY', zone: props.domainName }],
        alert: [
          { rule: 'DEPLOYMENT_FAILED', ...emails },
          { rule: 'DOMAIN_FAILED', ...emails },
        ],
        ...(props.database
          ? {
              database: [
                {
                  name: APP_COMPONENT.database,
                  engine: 'PG',
                  production: true,
                  clusterName: props.database.clusterName,
                  dbName: props.database.databaseName,
                  dbUser: props.database.databaseUser,
                },
              ],
            }
          : {}),
        service: [
          {
            name: APP_COMPONENT.service,
            image: {
              registryType: 'GHCR',
              registry: registry!,
              repository: path.join('/'),
              ...(image.digest ? { digest: image.digest } : { tag: image.tag! }),
              ...(credentials ? { registryCredentials: credentials.stringValue } : {}),
            },
            httpPort: readiness.port,
            instanceSizeSlug: size.appInstance,
            ...(size.appAutoscales
              ? {
                  autoscaling: {
                    minInstanceCount: range.min,
                    maxInstanceCount: range.max,
                    metrics: { cpu: { percent: context.profile.scaling.cpuTargetPercent } },
                  },
                }
              : { instanceCount: context.profile.sizing.instances }),
            runCommand: `sh -c 'printf "%s" "$${CONFIG_ENV}" > ${configPath} && exec mockforge-entrypoint ${serveArgs}'`,
            healthCheck: {
              httpPath: readiness.path,
              port: readiness.port,
              initialDelaySeconds: STARTUP_BUDGET_SECONDS,
              periodSeconds: readiness.periodSeconds,
              timeoutSeconds: readiness.timeoutSeconds,
              failureThreshold: readiness.failureThreshold,
              successThreshold: readiness.successThreshold,
            },
            termination: { gracePeriodSeconds: TERMINATION_GRACE_SECONDS },
            env: [
              ...Object.entries(context.service.env).map(([key, value]) => ({ key, value, type: 'GENERAL', scope: 'RUN_TIME' })),
              { key: CONFIG_ENV, value: context.service.configFile.content, type: 'GENERAL', scope: 'RUN_TIME' },
              // `$${` keeps Terraform from reading App Platform's bindable variable as a reference.
              ...(props.database ? [secret(ENV.databaseUrl, `$\${${APP_COMPONENT.database}.DATABASE_URL}`)] : []),
              ...(props.redisUrl ? [secret(ENV.redisUrl, props.redisUrl)] : []),
              ...Object.entries(props.adminSecrets).map(([key, value]) => secret(key, value)),
            ],
            alert: [
              { rule: 'CPU_UTILIZATION', operator: 'GREATER_THAN', value: SCALING_TRIGGERS.cpu.scaleUpAbove, window, ...emails },
              { rule: 'MEM_UTILIZATION', operator: 'GREATER_THAN', value: asPercent(ALERTS.highMemoryUsage), window, ...emails },
              { rule: 'RESTART_COUNT', operator: 'GREATER_THAN', value: MONITORING.restartCount, window, ...emails },
            ],
          },
        ],
      },
    });
    this.serviceName = APP_COMPONENT.service;
    this.backendId = this.app.id;
    applyCommonProps(this, this.app, props);
  }
}
