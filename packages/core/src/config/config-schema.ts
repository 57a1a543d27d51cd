import { BALANCING_ALGORITHMS, PRODUCTION_SIZES, SCALING_PRESET_NAMES, TIER_NAMES } from '../seed';
import { AWS_SETTINGS_SCHEMA } from './clouds/aws';
import { GCP_SETTINGS_SCHEMA } from './clouds/gcp';
import { AZURE_COMPUTE, AZURE_SETTINGS_SCHEMA } from './clouds/azure';
import { DIGITALOCEAN_COMPUTE, DIGITALOCEAN_SETTINGS_SCHEMA, SPACES_REGIONS } from './clouds/digitalocean';
import { KUBERNETES_SETTINGS_SCHEMA } from './clouds/kubernetes';
import { AWS_COMPUTE, GCP_COMPUTE, TLS_MODES, TOPOLOGIES } from './model';
import { CLOUD_NAMES } from './regions';
import { bool, list, map, num, obj, oneOf, required, str, type Schema } from './schema';
import { CIDR_SCHEMA, DNS_LABEL, DOMAIN_PATTERN } from './shared-schemas';

const cloudName = oneOf(CLOUD_NAMES);
const nonEmpty = str({ pattern: /\S/, describe: 'a non-empty string' });
const optOut = obj({ reason: required(str({ pattern: /\S{3,}/, describe: 'a written reason' })) });

const tierSchema = obj({
  size: oneOf(PRODUCTION_SIZES),
  topology: oneOf(TOPOLOGIES),
  regions: required(map(cloudName, list(str(), { minItems: 1 }))),
  compute: obj({
    aws: oneOf(AWS_COMPUTE),
    gcp: oneOf(GCP_COMPUTE),
    digitalocean: oneOf(DIGITALOCEAN_COMPUTE),
    azure: oneOf(AZURE_COMPUTE),
  }),
  scalingPreset: oneOf(SCALING_PRESET_NAMES),
  loadBalancing: oneOf(BALANCING_ALGORITHMS),
  cidrs: map(cloudName, map(str(), CIDR_SCHEMA)),
  hostnames: map(cloudName, str({ pattern: DOMAIN_PATTERN, describe: 'a DNS name such as api.example.com' })),
  optOuts: obj({ multiAz: optOut, deletionProtection: optOut }),
  zoneRedundantData: bool(),
  // Whole cents: a budget of $0 would fail every synthesis.
  budgetUsd: num({ min: 0.01 }),
});

const backendSchema: Schema = {
  kind: 'union',
  discriminator: 'type',
  variants: {
    local: obj({}),
    s3: obj({ bucket: required(nonEmpty), region: required(nonEmpty), keyPrefix: str(), dynamodbTable: str(), kmsKeyId: str() }),
    gcs: obj({ bucket: required(nonEmpty), prefix: str() }),
    azurerm: obj({ resourceGroupName: required(nonEmpty), storageAccountName: required(nonEmpty), containerName: required(nonEmpty) }),
    hcp: obj({ organization: required(nonEmpty), workspacePrefix: str(), hostname: str() }),
    spaces: obj({ bucket: required(nonEmpty), region: required(oneOf(SPACES_REGIONS)), keyPrefix: str() }),
  },
};

export const CONFIG_SCHEMA = obj({
  image: required(str({ describe: 'an image reference such as ghcr.io/saasy-solutions/mockforge:0.3.213' })),
  domain: required(str({ pattern: DOMAIN_PATTERN, describe: 'a DNS name such as mocks.example.com' })),
  clouds: required(list(cloudName, { minItems: 1, unique: true })),
  tiers: required(map(oneOf(TIER_NAMES), tierSchema)),
  backend: map(oneOf(TIER_NAMES), backendSchema),
  tls: obj({
    mode: oneOf(TLS_MODES),
    awsCertificateArn: str(),
    awsCloudFrontCertificateArn: str(),
    gcpCertificate: str(),
    kubernetesSecretName: DNS_LABEL,
  }),
  features: obj({ websocketPort: bool(), grpc: bool(), metricsAdapter: bool() }),
  alerts: obj({ email: str({ pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, describe: 'an email address' }) }),
  aws: AWS_SETTINGS_SCHEMA,
  gcp: GCP_SETTINGS_SCHEMA,
  digitalocean: DIGITALOCEAN_SETTINGS_SCHEMA,
  azure: AZURE_SETTINGS_SCHEMA,
  kubernetes: KUBERNETES_SETTINGS_SCHEMA,
});
