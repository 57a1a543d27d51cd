/**
 * Terraform types that hold state or identity: `prevent_destroy` in tiers that protect state
 * (`azureTarget.statefulResourceTypes`).
 */
export const AZURE_STATEFUL_RESOURCE_TYPES: readonly string[] = [
  'azurerm_postgresql_flexible_server',
  'azurerm_managed_redis',
  'azurerm_key_vault',
  'azurerm_storage_account',
  'azurerm_data_protection_backup_vault',
  'azurerm_kubernetes_cluster',
  // The generated credentials: replaced, they would hand a region added later values the running ones do not hold.
  'terraform_data',
  // A new zone gets new name servers: the parent's delegation breaks.
  'azurerm_dns_zone',
];
