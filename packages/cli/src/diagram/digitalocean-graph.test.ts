import { synthesizeScratch } from '../synthesized-tiers';
import { topologyGraph } from './graph';

const quiet = { out: () => undefined, err: () => undefined };
const { stacks } = synthesizeScratch(quiet, { clouds: ['digitalocean'] });
const tier = (name: string) => new Map([...stacks].filter(([stack]) => stack.startsWith(`${name}-`)));
const edges = (name: string) =>
  topologyGraph(tier(name)).edges.map(
    (e) => `${e.from.replace(`${name}_digitalocean_`, '')} > ${e.to.replace(`${name}_digitalocean_`, '')}`,
  );

describe('the DigitalOcean diagram', () => {
  it('draws App Platform behind DigitalOcean DNS, reaching its PostgreSQL and Valkey', () => {
    expect(topologyGraph(tier('staging')).nodes.map((n) => n.label)).toEqual([
      'Spaces CDN',
      'App Platform service',
      'DigitalOcean DNS',
      'Managed PostgreSQL',
      'Managed Valkey',
    ]);
    expect(edges('staging')).toEqual([
      'nyc3_App_Platform_service > nyc3_Managed_PostgreSQL',
      'nyc3_App_Platform_service > nyc3_Managed_Valkey',
      'nyc3_DigitalOcean_DNS > nyc3_App_Platform_service',
    ]);
  });

  it('draws production from the Global Load Balancer through each region to the pods and data, replicas to the primary', () => {
    const found = edges('production');
    expect(found.filter((e) => e.startsWith('global_'))).toEqual([
      'global_Load_balancer > ams3_Load_balancer',
      'global_Load_balancer > blr1_Load_balancer',
      'global_Load_balancer > nyc3_Load_balancer',
    ]);
    expect(found.filter((e) => e.startsWith('ams3'))).toEqual([
      'ams3_DOKS_cluster > ams3_Managed_Valkey',
      'ams3_DOKS_cluster > ams3_workload_Deployment__stateless_',
      'ams3_Load_balancer > ams3_DOKS_cluster',
      'ams3_PostgreSQL_read_only_node > nyc3_Managed_PostgreSQL',
      'ams3_workload_Deployment__stateless_ > ams3_Managed_Valkey',
    ]);
  });
});
