/**
 * Terraform types that hold state or identity: `prevent_destroy` in tiers that protect state
 * (`awsTarget.statefulResourceTypes`). Its own module, so the stacks and the target share it.
 */
export const AWS_STATEFUL_RESOURCE_TYPES: readonly string[] = [
  'aws_db_instance',
  'aws_elasticache_replication_group',
  'aws_elasticache_global_replication_group',
  'aws_s3_bucket',
  'aws_backup_vault',
  'aws_kms_key',
  'aws_efs_file_system',
  // Regional RBAC users and the REDIS_URL version: replacing one alone breaks the app's Redis login.
  'aws_elasticache_user',
  'aws_elasticache_user_group',
  'aws_secretsmanager_secret_version',
  // The generated credentials: a replacement would set a new RDS master password under the written DATABASE_URL.
  'terraform_data',
  // A new zone gets new name servers, which the parent domain's delegation would no longer match.
  'aws_route53_zone',
];
