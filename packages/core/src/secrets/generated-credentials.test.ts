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

  it('generates a 64-hex JWT key and 32-hex passwords once, and keeps them through later plans', () => {
    expect(data).toMatchObject({
      input: {
        jwt_secret: '${replace("${uuid()}${uuid()}", "-", "")}',
        username: 'mockforge',
        password: '${replace(uuid(), "-", "")}',
        database_password: '${replace(uuid(), "-", "")}',
      },
      lifecycle: { ignore_changes: ['input'] },
    });
  });

  it('hands out references to its output, never values', () => {
    expect(json.output.admin_password!.value).toBe(`\${terraform_data.${address}.output["password"]}`);
    expect(json.output.database_password!.value).toBe(`\${terraform_data.${address}.output["database_password"]}`);
  });

  it('needs no Terraform binary to synthesize, and asks plan for Terraform 1.4 or later instead', () => {
    // cdktf's DataResource would run `terraform version` here; ours registers no such check.
    expect(credentials.data.node.validate()).toEqual([]);
    expect(json.terraform.required_version).toBe('>= 1.4');
  });
});
