import { Testing } from 'cdktf';
import { GeoDns, type GeoDnsProps, type RegionalEndpoint } from './geo-dns';

type Json = Record<string, any>;

const ORIGIN = 'origin.mocks.example.com';
const endpoint = (region: string, lb: string, zone: string, regionalRecordName?: string): RegionalEndpoint => ({
  region,
  loadBalancerDnsName: `${lb}.elb.amazonaws.com`,
  loadBalancerZoneId: zone,
  healthAlarmName: `${lb}-no-healthy-targets`,
  regionalRecordName,
});
const useast1 = endpoint('us-east-1', 'use1', 'Z1', `us-east-1.${ORIGIN}`);
const euwest1 = endpoint('eu-west-1', 'euw1', 'Z2');
const apsouth1 = endpoint('ap-south-1', 'aps1', 'Z3');

function synth(props: Partial<GeoDnsProps> & Pick<GeoDnsProps, 'endpoints' | 'geoRouting'>) {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new GeoDns(scope, 'dns', { hostedZoneId: 'ZONE', recordName: ORIGIN, primaryRegion: 'us-east-1', ...props });
    }),
  ) as { resource: Record<string, Record<string, Json>> };
  const checks = json.resource.aws_route53_health_check ?? {};
  /** The region whose health check a record carries. */
  const checkedRegion = (record: Json) =>
    record.health_check_id && checks[/aws_route53_health_check\.([^.]+)\.id/.exec(record.health_check_id)![1]!]!.cloudwatch_alarm_region;
  return { records: json.resource.aws_route53_record!, checks: Object.values(checks), checkedRegion };
}

describe('GeoDns across three regions', () => {
  const { records, checks, checkedRegion } = synth({
    endpoints: [useast1, euwest1, apsouth1],
    geoRouting: { NA: 'us-east-1', EU: 'eu-west-1', AS: 'ap-south-1' },
  });
  const all = Object.entries(records);
  const geo = all.map(([, r]) => r).filter((r) => r.geolocation_routing_policy);
  const regionOf = (lbName: string) => ({ use1: 'us-east-1', euw1: 'eu-west-1', aps1: 'ap-south-1' })[lbName.split('.')[0]!]!;
  /** The failover pair named `name`: PRIMARY and SECONDARY by type. */
  const pair = (name: string) =>
    Object.fromEntries(
      all
        .filter(([, r]) => r.name === name && r.failover_routing_policy)
        .map(([key, r]) => [r.failover_routing_policy.type, { key, ...r }]),
    );

  it('answers every geolocation, the default included, through a failover pair in the same zone', () => {
    const routes = Object.fromEntries(
      geo.map((r) => [r.geolocation_routing_policy.continent ?? r.geolocation_routing_policy.country, r.alias.name]),
    );
    expect(routes).toEqual({
      NA: `us-east-1.failover.${ORIGIN}`,
      EU: `eu-west-1.failover.${ORIGIN}`,
      AS: `ap-south-1.failover.${ORIGIN}`,
      '*': `us-east-1.failover.${ORIGIN}`,
    });
    for (const r of geo) {
      expect(r.alias).toEqual({ name: expect.any(String), zone_id: 'ZONE', evaluate_target_health: true });
      expect(r.name).toBe(ORIGIN);
    }
  });

  it("fails every region over to the next one (wrapping), each side behind its own ALB's health check", () => {
    const order = ['us-east-1', 'eu-west-1', 'ap-south-1'];
    for (const r of geo) {
      const { PRIMARY, SECONDARY } = pair(r.alias.name);
      expect(PRIMARY && SECONDARY).toBeTruthy();
      const served = r.alias.name.split('.')[0];
      expect(regionOf(PRIMARY.alias.name)).toBe(served);
      expect(regionOf(SECONDARY.alias.name)).toBe(order[(order.indexOf(served) + 1) % order.length]);
      expect(regionOf(SECONDARY.alias.name)).not.toBe(served);
      for (const side of [PRIMARY, SECONDARY]) {
        expect(side.alias.evaluate_target_health).toBe(true);
        expect(checkedRegion(side)).toBe(regionOf(side.alias.name));
      }
      // The geolocation record is created after the pair it aliases.
      expect([...r.depends_on].sort()).toEqual([`aws_route53_record.${PRIMARY.key}`, `aws_route53_record.${SECONDARY.key}`].sort());
    }
    expect(checks.map((c) => [c.type, c.cloudwatch_alarm_region]).sort()).toEqual([
      ['CLOUDWATCH_METRIC', 'ap-south-1'],
      ['CLOUDWATCH_METRIC', 'eu-west-1'],
      ['CLOUDWATCH_METRIC', 'us-east-1'],
    ]);
  });

  it("keeps the plain per-region alias CloudFront's failover origin uses", () => {
    expect(all.filter(([, r]) => r.name === `us-east-1.${ORIGIN}`).map(([, r]) => r.alias.name)).toEqual(['use1.elb.amazonaws.com']);
  });
});

describe('GeoDns in one region', () => {
  it('aliases the ALB directly behind its health check, with no failover pair', () => {
    const { records, checkedRegion } = synth({ endpoints: [useast1], geoRouting: { NA: 'us-east-1' } });
    const all = Object.values(records);
    expect(all.filter((r) => r.failover_routing_policy)).toEqual([]);
    const geo = all.filter((r) => r.geolocation_routing_policy);
    expect(
      Object.fromEntries(geo.map((r) => [r.geolocation_routing_policy.continent ?? r.geolocation_routing_policy.country, r.alias.name])),
    ).toEqual({ NA: 'use1.elb.amazonaws.com', '*': 'use1.elb.amazonaws.com' });
    expect(geo.every((r) => r.alias.evaluate_target_health === true && checkedRegion(r) === 'us-east-1')).toBe(true);
  });
});

describe('GeoDns failover routing', () => {
  it('offers active-passive failover routing', () => {
    const { records } = synth({ endpoints: [useast1, euwest1], geoRouting: {}, routing: 'failover' });
    const failover = Object.values(records).filter((r) => r.failover_routing_policy);
    expect(failover.map((r) => [r.name, r.failover_routing_policy.type, r.alias.name])).toEqual([
      [ORIGIN, 'PRIMARY', 'use1.elb.amazonaws.com'],
      [ORIGIN, 'SECONDARY', 'euw1.elb.amazonaws.com'],
    ]);
  });
});
