import { Testing } from 'cdktf';
import { ENV, PolicyEngine } from '@mockforge-infra/core';
import { gcpRules } from '../rules';
import { gcpTarget } from '../target';
import { appSynthJson, gcpContext, resourcesOf, synthesizedJson } from '../testing/fixtures';

/** Production in three regions (Cloud Run unless `gke`): the regional stacks' JSON. */
function production(gke: boolean) {
  const app = Testing.app();
  const policy = new PolicyEngine(gcpRules, { failOnError: false });
  const stacks = gcpTarget.addStacks(app, gcpContext('production', gke ? { compute: { gcp: 'gke' } } : {}), policy);
  const primary = appSynthJson(stacks[0]!) as any;
  const europe = synthesizedJson(stacks[1]!) as any;
  return { primary, europe, policy };
}

/** The service secrets' versions by secret suffix (the mounted files left out). */
const versions = (json: any): Record<string, string> =>
  Object.fromEntries(
    Object.values(json.resource.google_secret_manager_secret_version as Record<string, any>).flatMap((v) => {
      const suffix = /^\$\{google_secret_manager_secret\.secrets_([a-z-]+)_[0-9A-F]+\.id\}$/.exec(v.secret)?.[1];
      return suffix ? [[suffix, v.secret_data]] : [];
    }),
  );

/** `type.name` of every secret version of a key, as `depends_on` names them. */
const versionAddresses = (json: any, suffix: string) =>
  Object.entries(json.resource.google_secret_manager_secret_version as Record<string, any>)
    .filter(([, v]) => v.secret.startsWith(`\${google_secret_manager_secret.secrets_${suffix}_`))
    .map(([name]) => `google_secret_manager_secret_version.${name}`);

const GENERATED = ['database-url', 'mockforge-admin-jwt-secret', 'mockforge-admin-password', 'mockforge-admin-username'];

describe.each([
  ['GKE', true],
  ['Cloud Run', false],
])('generated secrets on %s', (_compute, gke) => {
  const { primary, europe, policy } = production(gke);
  const data = Object.entries(primary.resource.terraform_data as Record<string, any>);
  const [generatedKey, generated] = data[0]!;
  const output = (key: string) => `\${sensitive(terraform_data.${generatedKey}.output["${key}"])}`;

  it('generates the admin login, the JWT key and the database password once, in the primary region, and keeps them', () => {
    expect(data).toHaveLength(1);
    // The address existing tiers hold: a new one would generate new credentials.
    expect(generatedKey).toBe('credentials_generated_6044A84B');
    expect(generated.input).toEqual({
      jwt_secret: '${sensitive(replace(join("", [uuid(), uuid()]), "-", ""))}',
      username: 'mockforge',
      password: '${sensitive(replace(join("", [uuid()]), "-", ""))}',
      database_password: '${sensitive(replace(join("", [uuid()]), "-", ""))}',
    });
    // Production protects state: the credentials cannot be destroyed or replaced by a plan.
    expect(generated.lifecycle).toEqual({ ignore_changes: ['input'], prevent_destroy: true });
    expect(europe.resource.terraform_data).toBeUndefined();
  });

  it('creates the app’s built-in Cloud SQL user on the primary with that password', () => {
    const user = (resourcesOf(primary, 'google_sql_user') as any[]).find((u) => u.type === 'BUILT_IN');
    expect(user).toMatchObject({ name: 'mockforge', password: output('database_password'), deletion_policy: 'ABANDON' });
    expect(user.instance).toMatch(/^\$\{google_sql_database_instance\.database_instance_[0-9A-F]+\.name\}$/);
    // Users replicate: the replicas' regions create none.
    expect((resourcesOf(europe, 'google_sql_user') as any[]).map((u) => u.type)).toEqual(['CLOUD_IAM_SERVICE_ACCOUNT']);
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
        `^postgres://mockforge:\\$\\{sensitive\\(terraform_data\\.${generatedKey}\\.output\\["database_password"\\]\\)\\}@\\$\\{google_sql_database_instance\\.database_instance_[0-9A-F]+\\.private_ip_address\\}:5432/mockforge\\?sslmode=require$`,
      ),
    );
  });

  it('writes the same values in the other regions, read from the primary', () => {
    const written = versions(europe);
    expect(Object.keys(written)).toHaveLength(5);
    const remote = '${sensitive(data.terraform_remote_state.cross-stack-reference-input-production-gcp-us-central1.outputs.';
    const fromPrimary = (key: string) => `${remote}cross-stack-output-terraform_data${generatedKey}output${key})}`;
    expect(written['mockforge-admin-jwt-secret']).toBe(fromPrimary('jwt_secret'));
    expect(written['mockforge-admin-username']).toBe(fromPrimary('username'));
    expect(written['mockforge-admin-password']).toBe(fromPrimary('password'));
    expect(written['database-url']).toMatch(
      new RegExp(
        `^postgres://mockforge:${fromPrimary('database_password').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}@\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-production-gcp-us-central1\\.outputs\\.cross-stack-output-google_sql_database_instancedatabase_instance_[0-9A-F]+private_ip_address\\}:5432/mockforge\\?sslmode=require$`,
      ),
    );
  });

  it('holds no secret literal: every value is built from references', () => {
    for (const json of [primary, europe]) {
      const literals = Object.fromEntries(Object.entries(versions(json)).map(([key, value]) => [key, value.replace(/\$\{[^}]*\}/g, '')]));
      expect(literals).toEqual({
        'database-url': 'postgres://mockforge:@:5432/mockforge?sslmode=require',
        'mockforge-admin-jwt-secret': '',
        'mockforge-admin-password': '',
        'mockforge-admin-username': '',
        'redis-url': 'rediss://:@:',
      });
    }
  });

  it('passes the policy', () => {
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});

describe('generated secrets on Cloud Run', () => {
  const { primary, europe } = production(false);
  const service = (json: any) => resourcesOf(json, 'google_cloud_run_v2_service')[0] as any;

  it('starts each region’s service after its generated secret versions, the primary’s after the app’s database user too', () => {
    for (const json of [primary, europe]) {
      const written = GENERATED.flatMap((suffix) => versionAddresses(json, suffix));
      expect(written).toHaveLength(4);
      expect(service(json).depends_on).toEqual(expect.arrayContaining(written));
    }
    const user = Object.entries(primary.resource.google_sql_user as Record<string, any>).find(([, u]) => u.type === 'BUILT_IN')![0];
    expect(user).toBe('credentials_app-user_0BB63396');
    expect(service(primary).depends_on).toContain(`google_sql_user.${user}`);
  });

  it('reads every service secret from its latest version', () => {
    const secretEnv = (service(primary).template.containers[0].env as any[]).filter((e) => e.value_source);
    expect(secretEnv.map((e) => [e.name, e.value_source.secret_key_ref.version])).toEqual(
      [ENV.databaseUrl, ENV.redisUrl, ENV.adminJwtSecret, ENV.adminUsername, ENV.adminPassword].map((key) => [key, 'latest']),
    );
  });
});

describe('generated secrets on Cloud Run without a database (dev)', () => {
  const app = Testing.app();
  const stacks = gcpTarget.addStacks(app, gcpContext('dev'), new PolicyEngine(gcpRules, { failOnError: false }));
  const primary = appSynthJson(stacks[0]!) as any;
  const [generatedKey, generated] = Object.entries(primary.resource.terraform_data as Record<string, any>)[0]!;
  const output = (key: string) => `\${sensitive(terraform_data.${generatedKey}.output["${key}"])}`;

  it('writes the three admin secrets, and keeps a database password for a database added later', () => {
    expect(versions(primary)).toEqual({
      'mockforge-admin-jwt-secret': output('jwt_secret'),
      'mockforge-admin-username': output('username'),
      'mockforge-admin-password': output('password'),
    });
    expect(Object.keys(generated.input).sort()).toEqual(['database_password', 'jwt_secret', 'password', 'username']);
    expect(primary.resource.google_sql_user).toBeUndefined();
    const service = resourcesOf(primary, 'google_cloud_run_v2_service')[0] as any;
    const written = GENERATED.flatMap((suffix) => versionAddresses(primary, suffix));
    expect(written).toHaveLength(3);
    expect(service.depends_on).toEqual(expect.arrayContaining(written));
  });
});
