import { statefulAddresses } from '@mockforge-infra/composition';

// Reviewed list: a change here means Terraform would destroy and recreate data. Renaming a
// construct that owns one of these needs a `moved` block (or `terraform state mv`) first.
describe('the staging tier', () => {
  it('keeps the Terraform addresses of its databases, caches, buckets, keys and vaults', () => {
    expect(statefulAddresses('staging')).toEqual({
      'staging-aws-us-east-1': [
        'aws_backup_vault.backup_vault_A3268EAD',
        'aws_db_instance.database_instance_D7FC2283',
        'aws_elasticache_replication_group.cache_replication_group_E7A9A3AF',
        'aws_elasticache_user.cache_users_app_password_user_64AE4858',
        'aws_elasticache_user.cache_users_app_user_6146DBA5',
        'aws_elasticache_user.cache_users_default_user_1C12EC46',
        'aws_elasticache_user_group.cache_users_group_79ABB10E',
        'aws_kms_key.encryption_key_0F00DADF',
        'aws_route53_zone.hosted_zone_BBED81BF',
        'aws_s3_bucket.load_balancer_access_logs_bucket_F33FF514',
        'aws_secretsmanager_secret_version.cache_connection_url_version_C9E99C74',
        'aws_secretsmanager_secret_version.database_connection_url_version_8AB850B8',
        'aws_secretsmanager_secret_version.mockforge_admin_jwt_secret_version_365AEBA2',
        'aws_secretsmanager_secret_version.mockforge_admin_password_version_AE274BAD',
        'aws_secretsmanager_secret_version.mockforge_admin_username_version_41289A20',
        'terraform_data.credentials_generated_6044A84B',
      ],
      'staging-aws-global': [
        'aws_backup_vault.backup_vault_A3268EAD',
        'aws_kms_key.encryption_key_0F00DADF',
        'aws_s3_bucket.cdn_logs_bucket_B7ED4066',
        'aws_s3_bucket.config_bucket_DF2978D9',
      ],
      'staging-gcp-us-central1': [
        'google_redis_instance.cache_instance_C409FC14',
        'google_sql_database_instance.database_instance_D7FC2283',
        'terraform_data.credentials_generated_6044A84B',
      ],
      'staging-gcp-global': [
        'google_dns_managed_zone.dns_zone_2E2729FB',
        'google_storage_bucket.config-bucket_3923D1B9',
        'google_storage_bucket.config-bucket_access-logs_B90B0AA5',
      ],
      'staging-azure-eastus': [
        'azurerm_data_protection_backup_vault.backup_vault_A3268EAD',
        'azurerm_key_vault.secrets_vault_97F902B8',
        'azurerm_managed_redis.cache_redis_F9D2CAF5',
        'azurerm_postgresql_flexible_server.database_server_8BFC5013',
        'terraform_data.credentials_generated_6044A84B',
      ],
      'staging-azure-global': ['azurerm_dns_zone.dns_zone_2E2729FB', 'azurerm_storage_account.state_account_58633B45'],
      'staging-digitalocean-nyc3': [
        'digitalocean_database_cluster.cache_cluster_99F2927A',
        'digitalocean_database_cluster.database_cluster_FAF2FB92',
        'digitalocean_domain.dns_domain_CE934588',
        'terraform_data.admin_generated_BB5AA3CB',
      ],
      'staging-digitalocean-global': [
        'digitalocean_spaces_bucket.config-bucket_3923D1B9',
        'digitalocean_spaces_bucket.config-bucket_access-logs_B90B0AA5',
      ],
    });
  });
});
