import { RedisInstance } from '@cdktf/provider-google/lib/redis-instance';
import { Token, type ITerraformDependable } from 'cdktf';
import {
  BACKUPS,
  type CommonProps,
  type RedisCache,
  type SecretReference,
  suppressExempted,
  type TargetContext,
} from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { GeneratedSecretValue } from '../secrets/generated-secret-value';
import { GCP_SIZES, MEMORYSTORE } from '../sizing';

const DAY_NAME: Readonly<Record<string, string>> = {
  mon: 'MONDAY',
  tue: 'TUESDAY',
  wed: 'WEDNESDAY',
  thu: 'THURSDAY',
  fri: 'FRIDAY',
  sat: 'SATURDAY',
  sun: 'SUNDAY',
};

/** Memorystore's RDB period from a cron like `0 *\/6 * * *` (every 6 hours); daily otherwise. */
export function rdbSnapshotPeriod(cron: string): string {
  const hours = /^\S+ \*\/(\d+) /.exec(cron)?.[1];
  const period = MEMORYSTORE.rdbPeriods[Number(hours ?? 24)];
  if (!period) throw new Error(`no Memorystore snapshot period for cron ${cron}`);
  return period;
}

export interface MemorystoreRedisProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  /** Up to 40 characters. */
  readonly name: string;
  readonly networkId: string;
  /** The Private Service Access range name. */
  readonly reservedRange?: string;
  /** The REDIS_URL secret; this construct writes its version. */
  readonly connectionSecret: SecretReference;
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Memorystore for Redis over Private Service Access: AUTH, TLS, RDB snapshots, a maintenance window.
 * Writes `REDIS_URL` (`rediss://:<auth string>@<host>:<port>`) from the Google-generated AUTH string,
 * so the configuration holds only references; the value lives in Terraform state.
 */
export class MemorystoreRedis extends Construct implements RedisCache {
  readonly instance: RedisInstance;
  readonly endpoint: string;
  readonly port: number;
  readonly connectionSecret: SecretReference;
  /** The REDIS_URL version Terraform writes. */
  readonly connectionUrl: GeneratedSecretValue;
  /** PEM of the CA that signs the server certificate; clients must trust it (the CA is private). */
  readonly serverCaCert: string;

  constructor(scope: Construct, id: string, props: MemorystoreRedisProps) {
    super(scope, id);
    const { context } = props;
    const cache = context.cache;
    this.instance = new RedisInstance(this, 'instance', {
      name: props.name,
      displayName: `MockForge ${context.tier} ${props.region}`,
      region: props.region,
      tier: cache.highlyAvailable ? 'STANDARD_HA' : 'BASIC',
      memorySizeGb: GCP_SIZES[context.profile.size].redisMemoryGb,
      redisVersion: MEMORYSTORE.redisVersion,
      authorizedNetwork: props.networkId,
      connectMode: MEMORYSTORE.connectMode,
      ...(props.reservedRange ? { reservedIpRange: props.reservedRange } : {}),
      authEnabled: true,
      transitEncryptionMode: MEMORYSTORE.transitEncryptionMode,
      persistenceConfig: { persistenceMode: 'RDB', rdbSnapshotPeriod: rdbSnapshotPeriod(BACKUPS.state.cron) },
      maintenancePolicy: {
        weeklyMaintenanceWindow: [
          { day: DAY_NAME[cache.maintenanceWindow.day]!, startTime: { hours: cache.maintenanceWindow.startHourUtc, minutes: 0 } },
        ],
      },
      dependsOn: props.dependsOn,
    });
    suppressExempted(this.instance, context.profile, 'zonal-data', ['MF_GCP_12']);
    this.endpoint = this.instance.host;
    this.port = this.instance.port;
    this.connectionSecret = props.connectionSecret;
    this.serverCaCert = this.instance.serverCaCerts.get(0).cert;
    this.connectionUrl = new GeneratedSecretValue(this, 'connection-url', {
      secret: props.connectionSecret,
      value: `rediss://:${this.instance.authString}@${this.endpoint}:${Token.asString(this.port)}`,
    });
    applyCommonProps(this, this.instance, props);
  }
}
