import { App, Testing, TerraformResource, TerraformStack } from 'cdktf';
import { PolicyEngine } from '@mockforge-infra/core';
import { DigitaloceanProvider } from '@cdktf/provider-digitalocean/lib/provider';
import { digitaloceanRules } from '.';

type Attributes = Record<string, unknown>;
interface Fixture {
  readonly type: string;
  readonly pass: Attributes;
  readonly fail: Attributes;
  /** Stack name; staging unless the rule reads the tier. */
  readonly stack?: string;
}

const bucket = (extra: Attributes) => ({ name: 'b', acl: 'private', versioning: { enabled: true }, force_destroy: false, ...extra });
const lb = (redirect: boolean) => ({
  redirect_http_to_https: redirect,
  forwarding_rule: [{ entry_protocol: 'http', entry_port: 80, target_protocol: 'http', target_port: 30080 }],
  healthcheck: { path: '/health/ready', port: 30080, protocol: 'http' },
});
const doks = (extra: Attributes) => ({ auto_upgrade: true, surge_upgrade: true, ...extra });
const firewall = (inbound: Attributes[], outbound: Attributes[] = []) => ({ inbound_rule: inbound, outbound_rule: outbound });
const app = (path: string, type: string) => ({
  spec: { service: [{ health_check: { http_path: path }, env: [{ key: 'DATABASE_URL', value: '$${db.DATABASE_URL}', type }] }] },
});

const FIXTURES: Readonly<Record<string, Fixture>> = {
  CKV_DIO_3: { type: 'digitalocean_spaces_bucket', pass: bucket({}), fail: bucket({ acl: 'public-read' }) },
  CKV_DIO_1: { type: 'digitalocean_spaces_bucket', pass: bucket({}), fail: bucket({ versioning: { enabled: false } }) },
  'DIG-0009': { type: 'digitalocean_spaces_bucket', pass: bucket({}), fail: bucket({ force_destroy: true }) },
  'DIG-0002': { type: 'digitalocean_loadbalancer', pass: lb(true), fail: lb(false) },
  'DIG-0008': { type: 'digitalocean_kubernetes_cluster', pass: doks({}), fail: doks({ auto_upgrade: false }) },
  'DIG-0005': { type: 'digitalocean_kubernetes_cluster', pass: doks({}), fail: doks({ surge_upgrade: false }) },
  CKV_DIO_4: {
    type: 'digitalocean_firewall',
    pass: firewall([
      { protocol: 'tcp', port_range: '443', source_addresses: ['0.0.0.0/0'] },
      { protocol: 'tcp', port_range: '3000', source_addresses: ['10.0.0.0/8'] },
    ]),
    fail: firewall([{ protocol: 'tcp', port_range: '22', source_addresses: ['0.0.0.0/0'] }]),
  },
  'DIG-0003': {
    type: 'digitalocean_firewall',
    pass: firewall([], [{ protocol: 'tcp', port_range: '25060', destination_addresses: ['10.16.0.0/16'] }]),
    fail: firewall([], [{ protocol: 'tcp', port_range: '443', destination_addresses: ['0.0.0.0/0'] }]),
  },
  MF_DIO_1: { type: 'digitalocean_database_cluster', pass: { private_network_uuid: 'vpc', node_count: 2 }, fail: { node_count: 2 } },
  MF_DIO_3: { type: 'digitalocean_database_cluster', pass: { node_count: 2 }, fail: { node_count: 1 } },
  MF_DIO_4: { type: 'digitalocean_app', pass: app('/health/ready', 'SECRET'), fail: app('/ping', 'SECRET') },
  MF_DIO_5: { type: 'digitalocean_app', pass: app('/health/ready', 'SECRET'), fail: app('/health/ready', 'GENERAL') },
};

function fixtureStack(name: string): TerraformStack {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, name);
  new DigitaloceanProvider(stack, 'digitalocean', {});
  return stack;
}

function findingsFor(ruleId: string, type: string, attributes: Attributes, stackName = 'staging-digitalocean-nyc3') {
  const rule = digitaloceanRules.find((r) => r.id === ruleId)!;
  const stack = fixtureStack(stackName);
  const resource = new TerraformResource(stack, 'subject', { terraformResourceType: type });
  for (const [key, value] of Object.entries(attributes)) resource.addOverride(key, value);
  return new PolicyEngine([rule]).evaluate(stack, new Map()).findings;
}

/** MF_DIO_2 reads two resources: the cluster and the firewall that names it. */
function firewallFindings(withFirewall: boolean) {
  const rule = digitaloceanRules.find((r) => r.id === 'MF_DIO_2')!;
  const stack = fixtureStack('staging-digitalocean-nyc3');
  const cluster = new TerraformResource(stack, 'cluster', { terraformResourceType: 'digitalocean_database_cluster' });
  cluster.addOverride('node_count', 2);
  if (withFirewall) {
    const fw = new TerraformResource(stack, 'firewall', { terraformResourceType: 'digitalocean_database_firewall' });
    fw.addOverride('cluster_id', '${digitalocean_database_cluster.cluster.id}');
  }
  return new PolicyEngine([rule]).evaluate(stack, new Map()).findings;
}

describe('DigitalOcean policy rules', () => {
  it('has a fixture for every rule, and ids are unique', () => {
    const ids = digitaloceanRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...Object.keys(FIXTURES), 'MF_DIO_2'].sort()).toEqual([...ids].sort());
  });

  it.each(Object.entries(FIXTURES))('%s passes its compliant fixture', (ruleId, fixture) => {
    expect(findingsFor(ruleId, fixture.type, fixture.pass)).toEqual([]);
  });

  it.each(Object.entries(FIXTURES))('%s flags its offending fixture', (ruleId, fixture) => {
    const findings = findingsFor(ruleId, fixture.type, fixture.fail);
    expect(findings.map((f) => f.ruleId)).toEqual([ruleId]);
  });

  it('MF_DIO_2 flags a database cluster without a database firewall', () => {
    expect(firewallFindings(true)).toEqual([]);
    expect(firewallFindings(false).map((f) => f.ruleId)).toEqual(['MF_DIO_2']);
  });

  it('lets a dev bucket go unversioned and force-destroyed, and nothing else', () => {
    expect(
      findingsFor('CKV_DIO_1', 'digitalocean_spaces_bucket', bucket({ versioning: { enabled: false } }), 'dev-digitalocean-nyc3'),
    ).toEqual([]);
    expect(findingsFor('DIG-0009', 'digitalocean_spaces_bucket', bucket({ force_destroy: true }), 'dev-digitalocean-global')).toEqual([]);
  });

  it('fails synthesis on every Trivy CRITICAL check', () => {
    for (const id of ['CKV_DIO_3', 'DIG-0002', 'DIG-0008', 'CKV_DIO_4', 'DIG-0003']) {
      expect(digitaloceanRules.find((r) => r.id === id)!.severity).toBe('error');
    }
  });
});
