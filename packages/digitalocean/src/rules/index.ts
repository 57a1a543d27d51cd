import { attr, attrs, HEALTH_PATHS, PUBLIC_PORTS, SECRET_KEYS, type PolicyRule, type SynthesizedStack } from '@mockforge-infra/core';

const WORLD = ['0.0.0.0/0', '::/0'];
const BUCKET = ['digitalocean_spaces_bucket'];
const HEALTH_PREFIX = HEALTH_PATHS.readiness.replace(/[^/]+$/, '');
const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|CREDENTIAL|_URL$|API_KEY)/;

/** Staging and production stacks protect state; a dev bucket may be unversioned and force-destroyed. */
const protectsState = (stack: SynthesizedStack) => !stack.name.startsWith('dev-');

/** Every DigitalOcean row and coverage gap of the policy reference that applies to what this package emits. */
export const digitaloceanRules: readonly PolicyRule[] = [
  {
    id: 'CKV_DIO_3',
    aliases: ['DIG-0006'],
    severity: 'error',
    description: 'Spaces buckets are not public-read',
    resourceTypes: BUCKET,
    check: (r) => (String(attr(r.attributes, 'acl') ?? 'private').startsWith('public') ? 'acl is public' : undefined),
  },
  {
    id: 'CKV_DIO_1',
    aliases: ['DIG-0007'],
    severity: 'error',
    description: 'Spaces buckets keep versions in staging and production',
    resourceTypes: BUCKET,
    check: (r, s) => (protectsState(s) && attr(r.attributes, 'versioning.enabled') !== true ? 'versioning.enabled is not true' : undefined),
  },
  {
    id: 'DIG-0009',
    severity: 'error',
    description: 'Spaces buckets cannot be force-destroyed in staging and production',
    resourceTypes: BUCKET,
    check: (r, s) => (protectsState(s) && attr(r.attributes, 'force_destroy') === true ? 'force_destroy is true' : undefined),
  },
  {
    id: 'DIG-0002',
    severity: 'error',
    description: 'Load balancers redirect HTTP to HTTPS',
    resourceTypes: ['digitalocean_loadbalancer'],
    check: (r) =>
      attrs(r.attributes, 'forwarding_rule.entry_protocol').includes('http') && attr(r.attributes, 'redirect_http_to_https') !== true
        ? 'an http forwarding rule without redirect_http_to_https'
        : undefined,
  },
  {
    id: 'DIG-0008',
    severity: 'error',
    description: 'DOKS clusters upgrade automatically',
    resourceTypes: ['digitalocean_kubernetes_cluster'],
    check: (r) => (attr(r.attributes, 'auto_upgrade') === true ? undefined : 'auto_upgrade is not true'),
  },
  {
    id: 'DIG-0005',
    severity: 'error',
    description: 'DOKS clusters use surge upgrades',
    resourceTypes: ['digitalocean_kubernetes_cluster'],
    check: (r) => (attr(r.attributes, 'surge_upgrade') === true ? undefined : 'surge_upgrade is not true'),
  },
  {
    id: 'CKV_DIO_4',
    aliases: ['DIG-0001'],
    severity: 'error',
    description: 'Firewalls open no port other than 80 and 443 to the world',
    resourceTypes: ['digitalocean_firewall'],
    check: (r) => {
      const rules = attrs(r.attributes, 'inbound_rule') as { port_range?: string; source_addresses?: string[] }[];
      const open = rules.filter(
        (rule) =>
          (rule.source_addresses ?? []).some((a) => WORLD.includes(a)) &&
          ![String(PUBLIC_PORTS.http), String(PUBLIC_PORTS.https)].includes(rule.port_range ?? 'all'),
      );
      return open.length > 0 ? `ports ${open.map((o) => o.port_range ?? 'all').join(', ')} open to the world` : undefined;
    },
  },
  {
    id: 'DIG-0003',
    severity: 'error',
    description: 'Firewalls send no traffic to the world',
    resourceTypes: ['digitalocean_firewall'],
    check: (r) =>
      (attrs(r.attributes, 'outbound_rule.destination_addresses') as string[]).some((a) => WORLD.includes(a))
        ? 'an outbound rule to 0.0.0.0/0 or ::/0'
        : undefined,
  },
  {
    id: 'MF_DIO_1',
    severity: 'error',
    description: 'Managed databases sit in a VPC',
    resourceTypes: ['digitalocean_database_cluster', 'digitalocean_database_replica'],
    check: (r) => (attr(r.attributes, 'private_network_uuid') ? undefined : 'no private_network_uuid'),
  },
  {
    id: 'MF_DIO_2',
    severity: 'error',
    description: 'Managed database clusters have a database firewall',
    resourceTypes: ['digitalocean_database_cluster'],
    check: (r, s) =>
      s.ofType('digitalocean_database_firewall').some((f) => String(attr(f.attributes, 'cluster_id')).includes(`${r.address}.id`))
        ? undefined
        : 'no digitalocean_database_firewall for this cluster',
  },
  {
    id: 'MF_DIO_3',
    severity: 'warning',
    description: 'Managed database clusters have a standby node',
    resourceTypes: ['digitalocean_database_cluster'],
    check: (r) => (Number(attr(r.attributes, 'node_count') ?? 1) >= 2 ? undefined : 'node_count below 2'),
  },
  {
    id: 'MF_DIO_4',
    severity: 'error',
    description: 'Health checks probe /health/*, never /ping',
    resourceTypes: ['digitalocean_app', 'digitalocean_loadbalancer', 'digitalocean_uptime_check'],
    check: (r) => {
      const paths =
        r.type === 'digitalocean_app'
          ? (attrs(r.attributes, 'spec.service.health_check.http_path') as string[])
          : r.type === 'digitalocean_loadbalancer'
            ? (attrs(r.attributes, 'healthcheck.path') as string[])
            : [new URL(String(attr(r.attributes, 'target'))).pathname];
      const bad = paths.filter((p) => !p.startsWith(HEALTH_PREFIX));
      return bad.length > 0 ? `health check on ${bad.join(', ')}` : undefined;
    },
  },
  {
    id: 'MF_DIO_5',
    severity: 'error',
    description: 'App Platform secrets are SECRET env vars',
    resourceTypes: ['digitalocean_app'],
    check: (r) => {
      const env = attrs(r.attributes, 'spec.service.env') as { key?: string; type?: string }[];
      const plain = env.filter(
        (e) => e.key && ((SECRET_KEYS as readonly string[]).includes(e.key) || SECRET_NAME.test(e.key)) && e.type !== 'SECRET',
      );
      return plain.length > 0 ? `${plain.map((e) => e.key).join(', ')} not of type SECRET` : undefined;
    },
  },
];
