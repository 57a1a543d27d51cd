import { Testing } from 'cdktf';
import { PolicyEngine } from '@mockforge-infra/core';
import { gcpRules } from '../rules';
import { gcpTarget } from '../target';
import { appSynthJson, gcpContext, resourcesOf, synthesizedJson } from '../testing/fixtures';

/** Production on GKE in three regions: the regional stacks' JSON. */
function gkeProduction() {
  const app = Testing.app();
  const policy = new PolicyEngine(gcpRules, { failOnError: false });
  const stacks = gcpTarget.addStacks(app, gcpContext('production', { compute: { gcp: 'gke' } }), policy);
  const primary = appSynthJson(stacks[0]!) as any;
  const europe = synthesizedJson(stacks[1]!) as any;
  return { primary, europe, policy };
}

const versions = (json: any) =>
  Object.fromEntries(
    Object.values(json.resource.google_secret_manager_secret_version as Record<string, any>).map((v) => [
      v.secret.replace(/^\$\{google_secret_manager_secret\.secrets_([a-z-]+)_[0-9A-F]+\.id\}$/, '$1'),
      v.secret_data,
    ]),
  );

describe('generated secrets on GKE', () => {
  const { primary, europe, policy } = gkeProduction();
  const data = Object.entries(primary.resource.terraform_data as Record<string, any>);
  const [generatedKey, generated] = data[0]!;
  const output = (key: string) => `\${terraform_data.${generatedKey}.output["${key}"]}`;

  it('generates the admin login, the JWT key and the database password once, in the primary region, and keeps them', () => {
    expect(data).toHaveLength(1);
    expect(generated.input).toEqual({
      jwt_secret: '${replace("${uuid()}${uuid()}", "-", "")}',
      username: 'mockforge',
      password: '${replace(uuid(), "-", "")}',
      database_password: '${replace(uuid(), "-", "")}',
    });
    expect(generated.lifecycle).toEqual({ ignore_changes: ['input'] });
    expect(europe.resource.terraform_data).toBeUndefined();
  });

  it('creates the app’s built-in Cloud SQL user on the primary with that password', () => {
    const user = (resourcesOf(primary, 'google_sql_user') as any[]).find((u) => u.type === 'BUILT_IN');
    expect(user).toMatchObject({ name: 'mockforge', password: output('database_password'), deletion_policy: 'ABANDON' });
    expect(user.instance).toMatch(/^\$\{google_sql_database_instance\.database_instance_[0-9A-F]+\.name\}$/);
  });

  it('writes every secret of the primary region, DATABASE_URL from the primary’s private address', () => {
    const written = versions(primary);
    expect(Object.keys(written).sort()).toEqual([
      'database-url',
      'mockforge-admin-jwt-secret',
      'mockforge-admin-password',
      'mockforge-admin-username',
      'redis-url',
    ]);
    expect(written['mockforge-admin-jwt-secret']).toBe(output('jwt_secret'));
    expect(written['mockforge-admin-username']).toBe(output('username'));
    expect(written['mockforge-admin-password']).toBe(output('password'));
    expect(written['database-url']).toMatch(
      new RegExp(
        `^postgres://mockforge:\\$\\{terraform_data\\.${generatedKey}\\.output\\["database_password"\\]\\}@\\$\\{google_sql_database_instance\\.database_instance_[0-9A-F]+\\.private_ip_address\\}:5432/mockforge\\?sslmode=require$`,
      ),
    );
  });

  it('writes the same values in the other regions, read from the primary', () => {
    const written = versions(europe);
    expect(Object.keys(written)).toHaveLength(5);
    const remote = '${data.terraform_remote_state.cross-stack-reference-input-production-gcp-us-central1.outputs.';
    const fromPrimary = (key: string) => `${remote}cross-stack-output-terraform_data${generatedKey}output${key}}`;
    expect(written['mockforge-admin-jwt-secret']).toBe(fromPrimary('jwt_secret'));
    expect(written['mockforge-admin-username']).toBe(fromPrimary('username'));
    expect(written['mockforge-admin-password']).toBe(fromPrimary('password'));
    expect(written['database-url']).toMatch(
      new RegExp(
        `^postgres://mockforge:${fromPrimary('database_password').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}@\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-production-gcp-us-central1\\.outputs\\.cross-stack-output-google_sql_database_instancedatabase_instance_[0-9A-F]+private_ip_address\\}:5432/mockforge\\?sslmode=require$`,
      ),
    );
  });

  it('passes the policy', () => {
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});

describe('generated secrets on Cloud Run', () => {
  it('are not written: the operator fills them (see the README)', () => {
    const app = Testing.app();
    const stacks = gcpTarget.addStacks(app, gcpContext('production'), new PolicyEngine(gcpRules, { failOnError: false }));
    const primary = appSynthJson(stacks[0]!) as any;
    expect(primary.resource.terraform_data).toBeUndefined();
    expect(Object.keys(versions(primary)).filter((k) => !k.startsWith('$'))).toEqual(['redis-url']);
  });
});
