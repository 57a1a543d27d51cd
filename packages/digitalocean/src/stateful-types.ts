/**
 * Terraform types that hold state or identity: `prevent_destroy` in tiers that protect state
 * (`digitaloceanTarget.statefulResourceTypes`).
 */
export const DIGITALOCEAN_STATEFUL_RESOURCE_TYPES: readonly string[] = [
  'digitalocean_database_cluster',
  'digitalocean_database_replica',
  'digitalocean_spaces_bucket',
  'digitalocean_kubernetes_cluster',
  'digitalocean_domain',
  // The generated admin credentials: kept, like the other clouds', in tiers that protect state.
  'terraform_data',
];
