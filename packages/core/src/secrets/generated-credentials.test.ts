import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { GeneratedCredentials } from './generated-credentials';

describe('generated credentials', () => {
  const stack = new TerraformStack(Testing.app(), 'credentials');
  const credentials = new GeneratedCredentials(stack, 'credentials', { username: 'mockforge', passwords: ['database_password'] });
  new TerraformOutput(stack, 'admin_password', { value: credentials.admin.MOCKFORGE_ADMIN_PASSWORD, sensitive: true });
  new TerraformOutput(stack, 'database_password', { value: credentials.output('database_password'), sensitive: true });
  const json = JSON.parse(Testing.synth(stack)) as {
    resource: Record<string, Record<string, Record<string, unknown>>>;
    output: Record<string, { value: string }>;
    terraform: { required_version?: string };
  };
  const [address, data] = Object.entries(json.resource.terraform_data!)[0]!;

  it('generates a 64-hex JWT key and 32-hex passwords once, marked sensitive, and keeps them through later plans', () => {
    expect(data).toMatchObject({
      input: {
        jwt_secret: '${sensitive(replace(join("", [uuid(), uuid()]), "-", ""))}',
        username: 'mockforge',
        password: '${sensitive(replace(join("", [uuid()]), "-", ""))}',
        database_password: '${sensitive(replace(join("", [uuid()]), "-", ""))}',
      },
      lifecycle: { ignore_changes: ['input'] },
    });
  });

  it('hands out sensitive references to its output, never values', () => {
    // terraform_data's output is computed, so the marks on its input do not reach it: each reference carries its own.
    expect(json.output.admin_password!.value).toBe(`\${sensitive(terraform_data.${address}.output["password"])}`);
    expect(json.output.database_password!.value).toBe(`\${sensitive(terraform_data.${address}.output["database_password"])}`);
  });

  it('needs no Terraform binary to synthesize, and asks plan for Terraform 1.4 or later instead', () => {
    // cdktf's DataResource would run `terraform version` here; ours registers no such check.
    expect(credentials.data.node.validate()).toEqual([]);
    expect(json.terraform.required_version).toBe('>= 1.4');
  });
});
