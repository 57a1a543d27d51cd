import { attr, attrs, type PolicyRule } from '@mockforge-infra/core';
import { databaseFlag, equals, isReplica, WORLD } from './helpers';
import { CLOUD_SQL } from '../sizing';

const SQL = ['google_sql_database_instance'];
const isPostgres = (v: unknown) => typeof v === 'string' && v.startsWith('POSTGRES');

function postgresFlag(id: string, aliases: string[], flag: string, expected: string): PolicyRule {
  return {
    id,
    aliases,
    severity: 'warning',
    description: `Cloud SQL PostgreSQL sets ${flag} = ${expected}`,
    resourceTypes: SQL,
    check: (r) => {
      if (!isPostgres(attr(r.attributes, 'database_version'))) return undefined;
      const value = databaseFlag(r.attributes, flag);
      return value === expected ? undefined : `database flag ${flag} is ${value === undefined ? 'unset' : JSON.stringify(value)}`;
    },
  };
}

/** Checkov's and Trivy's Cloud SQL checks, plus the HA/DR gaps (MF_GCP_9..11). */
export const cloudSqlRules: readonly PolicyRule[] = [
  equals(
    {
      id: 'CKV_GCP_6',
      aliases: ['GCP-0015'],
      severity: 'error',
      description: 'Cloud SQL requires TLS with client certificates (Checkov: TRUSTED_CLIENT_CERTIFICATE_REQUIRED)',
      resourceTypes: SQL,
    },
    'settings.ip_configuration.ssl_mode',
    'TRUSTED_CLIENT_CERTIFICATE_REQUIRED',
  ),
  equals(
    { id: 'CKV_GCP_60', aliases: ['GCP-0017'], severity: 'error', description: 'Cloud SQL has no public IPv4 address', resourceTypes: SQL },
    'settings.ip_configuration.ipv4_enabled',
    false,
  ),
  {
    id: 'CKV_GCP_11',
    severity: 'warning',
    description: 'Cloud SQL authorized networks exclude 0.0.0.0/0',
    resourceTypes: SQL,
    check: (r) =>
      attrs(r.attributes, 'settings.ip_configuration.authorized_networks.value').some((v) => WORLD.includes(String(v)))
        ? 'an authorized network is open to the world'
        : undefined,
  },
  {
    id: 'CKV_GCP_14',
    aliases: ['GCP-0024'],
    severity: 'warning',
    description: 'Cloud SQL backups are enabled (read replicas excepted)',
    resourceTypes: SQL,
    check: (r) =>
      isReplica(r.attributes) || attr(r.attributes, 'settings.backup_configuration.enabled') === true
        ? undefined
        : 'settings.backup_configuration.enabled is not true',
  },
  postgresFlag('CKV_GCP_51', ['GCP-0025'], 'log_checkpoints', 'on'),
  postgresFlag('CKV_GCP_52', ['GCP-0016'], 'log_connections', 'on'),
  postgresFlag('CKV_GCP_53', ['GCP-0022'], 'log_disconnections', 'on'),
  postgresFlag('CKV_GCP_54', ['GCP-0020'], 'log_lock_waits', 'on'),
  postgresFlag('CKV_GCP_56', ['GCP-0014'], 'log_temp_files', '0'),
  postgresFlag('CKV_GCP_110', [], 'cloudsql.enable_pgaudit', 'on'),
  {
    id: 'CKV_GCP_79',
    severity: 'warning',
    description: `Cloud SQL PostgreSQL runs the newest major version (${CLOUD_SQL.databaseVersion})`,
    resourceTypes: SQL,
    check: (r) => {
      const version = attr(r.attributes, 'database_version');
      return !isPostgres(version) || version === CLOUD_SQL.databaseVersion ? undefined : `database_version is ${JSON.stringify(version)}`;
    },
  },
  {
    id: 'MF_GCP_9',
    severity: 'warning',
    description: 'Cloud SQL primaries are regional (high availability across zones)',
    resourceTypes: SQL,
    check: (r) =>
      isReplica(r.attributes) || attr(r.attributes, 'settings.availability_type') === 'REGIONAL'
        ? undefined
        : 'settings.availability_type is not REGIONAL',
  },
  {
    id: 'MF_GCP_10',
    severity: 'warning',
    description: 'Cloud SQL has deletion protection (Terraform and API)',
    resourceTypes: SQL,
    check: (r) =>
      attr(r.attributes, 'deletion_protection') === true && attr(r.attributes, 'settings.deletion_protection_enabled') === true
        ? undefined
        : 'deletion_protection and settings.deletion_protection_enabled must both be true',
  },
  {
    id: 'MF_GCP_11',
    severity: 'warning',
    description: 'Cloud SQL PostgreSQL has point-in-time recovery (read replicas excepted)',
    resourceTypes: SQL,
    check: (r) =>
      isReplica(r.attributes) ||
      !isPostgres(attr(r.attributes, 'database_version')) ||
      attr(r.attributes, 'settings.backup_configuration.point_in_time_recovery_enabled') === true
        ? undefined
        : 'settings.backup_configuration.point_in_time_recovery_enabled is not true',
  },
];
