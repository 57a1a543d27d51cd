import type { Continent } from '../seed';

/** Clouds this project knows; the implemented subset is decided by the caller (see config/validate). */
export const CLOUD_NAMES = ['aws', 'gcp', 'azure', 'digitalocean', 'kubernetes'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

/** Known regions per cloud with their continent, used for validation and geo routing. */
export const KNOWN_REGIONS: Readonly<Record<Exclude<CloudName, 'kubernetes'>, Readonly<Record<string, Continent>>>> = {
  aws: {
    'us-east-1': 'NA', 'us-east-2': 'NA', 'us-west-1': 'NA', 'us-west-2': 'NA', 'ca-central-1': 'NA', 'ca-west-1': 'NA',
    'mx-central-1': 'NA', 'sa-east-1': 'SA', 'eu-west-1': 'EU', 'eu-west-2': 'EU', 'eu-west-3': 'EU', 'eu-central-1': 'EU',
    'eu-central-2': 'EU', 'eu-north-1': 'EU', 'eu-south-1': 'EU', 'eu-south-2': 'EU', 'ap-south-1': 'AS', 'ap-south-2': 'AS',
    'ap-southeast-1': 'AS', 'ap-southeast-2': 'OC', 'ap-southeast-3': 'AS', 'ap-southeast-4': 'OC', 'ap-northeast-1': 'AS',
    'ap-northeast-2': 'AS', 'ap-northeast-3': 'AS', 'ap-east-1': 'AS', 'me-south-1': 'AS', 'me-central-1': 'AS',
    'il-central-1': 'AS', 'af-south-1': 'AF',
  },
  gcp: {
    'us-central1': 'NA', 'us-east1': 'NA', 'us-east4': 'NA', 'us-east5': 'NA', 'us-south1': 'NA', 'us-west1': 'NA',
    'us-west2': 'NA', 'us-west3': 'NA', 'us-west4': 'NA', 'northamerica-northeast1': 'NA', 'northamerica-northeast2': 'NA',
    'northamerica-south1': 'NA', 'southamerica-east1': 'SA', 'southamerica-west1': 'SA', 'europe-west1': 'EU',
    'europe-west2': 'EU', 'europe-west3': 'EU', 'europe-west4': 'EU', 'europe-west6': 'EU', 'europe-west8': 'EU',
    'europe-west9': 'EU', 'europe-west10': 'EU', 'europe-west12': 'EU', 'europe-north1': 'EU', 'europe-north2': 'EU',
    'europe-central2': 'EU', 'europe-southwest1': 'EU', 'asia-east1': 'AS', 'asia-east2': 'AS', 'asia-northeast1': 'AS',
    'asia-northeast2': 'AS', 'asia-northeast3': 'AS', 'asia-south1': 'AS', 'asia-south2': 'AS', 'asia-southeast1': 'AS',
    'asia-southeast2': 'AS', 'australia-southeast1': 'OC', 'australia-southeast2': 'OC', 'me-west1': 'AS',
    'me-central1': 'AS', 'me-central2': 'AS', 'africa-south1': 'AF',
  },
  azure: {
    eastus: 'NA', eastus2: 'NA', westus: 'NA', westus2: 'NA', westus3: 'NA', centralus: 'NA', northcentralus: 'NA',
    southcentralus: 'NA', canadacentral: 'NA', brazilsouth: 'SA', northeurope: 'EU', westeurope: 'EU', uksouth: 'EU',
    francecentral: 'EU', germanywestcentral: 'EU', swedencentral: 'EU', switzerlandnorth: 'EU', norwayeast: 'EU',
    centralindia: 'AS', southindia: 'AS', southeastasia: 'AS', eastasia: 'AS', japaneast: 'AS', koreacentral: 'AS',
    australiaeast: 'OC', uaenorth: 'AS', southafricanorth: 'AF',
  },
  digitalocean: {
    nyc1: 'NA', nyc3: 'NA', sfo2: 'NA', sfo3: 'NA', tor1: 'NA', atl1: 'NA', lon1: 'EU', ams3: 'EU', fra1: 'EU',
    blr1: 'AS', sgp1: 'AS', syd1: 'OC',
  },
};

/** Kubernetes "regions" are cluster names chosen by the user: DNS labels. */
export const CLUSTER_NAME_PATTERN = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;

export function continentOf(cloud: CloudName, region: string): Continent | undefined {
  if (cloud === 'kubernetes') return undefined;
  return KNOWN_REGIONS[cloud][region];
}
