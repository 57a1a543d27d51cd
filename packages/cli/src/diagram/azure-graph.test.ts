import { synthesizeScratch } from '../synthesized-tiers';
import { topologyGraph } from './graph';

const quiet = { out: () => undefined, err: () => undefined };
const { stacks } = synthesizeScratch(quiet, { clouds: ['azure'] });
const tier = (name: string) => new Map([...stacks].filter(([stack]) => stack.startsWith(`${name}-`)));
const edges = (name: string) =>
  topologyGraph(tier(name)).edges.map((e) => `${e.from.replace(`${name}_azure_`, '')} > ${e.to.replace(`${name}_azure_`, '')}`);

describe('the Azure diagram', () => {
  it('draws single-region staging from Azure DNS straight to the Container App (no Front Door) and its data', () => {
    expect(topologyGraph(tier('staging')).nodes.map((n) => n.label)).toEqual([
      'Azure Managed Redis',
      'Backup vault',
      'Container App',
      'PostgreSQL Flexible Server',
      'Azure DNS',
    ]);
    expect(edges('staging')).toEqual([
      'eastus_Container_App > eastus_Azure_Managed_Redis',
      'eastus_Container_App > eastus_PostgreSQL_Flexible_Server',
      'eastus_PostgreSQL_Flexible_Server > eastus_Backup_vault',
      'global_Azure_DNS > eastus_Container_App',
    ]);
  });

  it('draws production across regions: replicas and writes to the primary, caches linked for geo-replication', () => {
    const found = edges('production');
    expect(found.filter((e) => e.startsWith('global_'))).toEqual([
      'global_Azure_DNS > global_Front_Door',
      'global_Front_Door > centralindia_Container_App',
      'global_Front_Door > eastus_Container_App',
      'global_Front_Door > westeurope_Container_App',
    ]);
    expect(found.filter((e) => e.startsWith('westeurope'))).toEqual([
      'westeurope_Azure_Managed_Redis > global_Redis_active_geo_replication',
      'westeurope_Container_App > eastus_PostgreSQL_Flexible_Server',
      'westeurope_Container_App > westeurope_Azure_Managed_Redis',
      'westeurope_Container_App > westeurope_PostgreSQL_Flexible_Server',
      'westeurope_PostgreSQL_Flexible_Server > eastus_PostgreSQL_Flexible_Server',
    ]);
  });
});
