export * from './sizing';
export * from './naming';
export * from './provider';
export * from './stateful-types';
export * from './network/address-plan';
export * from './network/vnet';
export * from './secrets/key-vault';
export * from './compute/registry';
export * from './compute/container-app';
export * from './database/postgres-flexible';
export * from './cache/managed-redis';
export * from './monitoring/monitoring';
export * from './backup/state-storage';
export * from './backup/backup-vault';
export * from './cdn/front-door';
export * from './traffic/dns';
export * from './rules';
export * from './stacks/regional-stack';
export * from './stacks/global-stack';
export * from './target';
// AKS (the cluster and the workload stack on @mockforge-infra/kubernetes) is loaded on demand for AKS
// tiers, so importing this package never loads the Kubernetes provider bindings.
export type { AksCluster, AksClusterProps } from './compute/aks-cluster';
export type { AksWorkloadStackProps } from './stacks/aks-workload-stack';
