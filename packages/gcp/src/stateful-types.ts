/**
 * Terraform types that hold state or identity: `prevent_destroy` in tiers that protect state
 * (`gcpTarget.statefulResourceTypes`). Its own module, so the stacks and the target share it.
 */
export const GCP_STATEFUL_RESOURCE_TYPES: readonly string[] = [
  'google_sql_database_instance',
  'google_redis_instance',
  'google_storage_bucket',
  'google_container_cluster',
  // The generated credentials: a replacement would write new passwords under the running database user and sessions.
  'terraform_data',
  // A new zone gets new name servers and DNSSEC keys: the parent's delegation and DS record break.
  'google_dns_managed_zone',
];
