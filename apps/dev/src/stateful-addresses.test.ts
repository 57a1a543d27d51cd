import { statefulAddresses } from '@mockforge-infra/composition';

// Reviewed list: a change here means Terraform would destroy and recreate data. Renaming a
// construct that owns one of these needs a `moved` block (or `terraform state mv`) first.
describe('the dev tier', () => {
  it('keeps the Terraform addresses of its databases, caches, buckets, keys and vaults', () => {
    expect(statefulAddresses('dev')).toEqual({
      'dev-aws-us-east-1': [
        'aws_kms_key.encryption_key_0F00DADF',
        'aws_route53_zone.hosted_zone_BBED81BF',
        'aws_s3_bucket.load_balancer_access_logs_bucket_F33FF514',
        'aws_secretsmanager_secret_version.mockforge_admin_jwt_secret_version_365AEBA2',
        'aws_secretsmanager_secret_version.mockforge_admin_password_version_AE274BAD',
        'aws_secretsmanager_secret_version.mockforge_admin_username_version_41289A20',
        'terraform_data.credentials_generated_6044A84B',
      ],
      'dev-aws-global': [
        'aws_backup_vault.backup_vault_A3268EAD',
        'aws_kms_key.encryption_key_0F00DADF',
        'aws_s3_bucket.cdn_logs_bucket_B7ED4066',
        'aws_s3_bucket.config_bucket_DF2978D9',
      ],
      'dev-gcp-us-central1': ['terraform_data.credentials_generated_6044A84B'],
      'dev-gcp-global': [
        'google_dns_managed_zone.dns_zone_2E2729FB',
        'google_storage_bucket.config-bucket_3923D1B9',
        'google_storage_bucket.config-bucket_access-logs_B90B0AA5',
      ],
      'dev-azure-eastus': ['azurerm_key_vault.secrets_vault_97F902B8', 'terraform_data.credentials_generated_6044A84B'],
      'dev-azure-global': ['azurerm_dns_zone.dns_zone_2E2729FB', 'azurerm_storage_account.state_account_58633B45'],
      'dev-digitalocean-nyc3': ['digitalocean_domain.dns_domain_CE934588', 'terraform_data.admin_generated_BB5AA3CB'],
      'dev-digitalocean-global': [
        'digitalocean_spaces_bucket.config-bucket_3923D1B9',
        'digitalocean_spaces_bucket.config-bucket_access-logs_B90B0AA5',
      ],
    });
  });
});
