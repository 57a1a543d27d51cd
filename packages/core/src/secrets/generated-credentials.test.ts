import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { GeneratedCredentials, THREE_CLASS_PREFIX } from './generated-credentials';

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

describe('generated credentials with a three-class password', () => {
  it('prefixes only the named password with an uppercase letter, a lowercase letter and a digit', () => {
    const stack = new TerraformStack(Testing.app(), 'three-class');
    new GeneratedCredentials(stack, 'credentials', {
      username: 'mockforge',
      passwords: ['database_password', 'other_password'],
      threeClassPasswords: ['database_password'],
    });
    const json = JSON.parse(Testing.synth(stack)) as { resource: { terraform_data: Record<string, { input: Record<string, string> }> } };
    const { input } = Object.values(json.resource.terraform_data)[0]!;
    expect(THREE_CLASS_PREFIX).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9])[A-Za-z0-9]+$/);
    expect(input.database_password).toBe(`\${sensitive(join("", ["${THREE_CLASS_PREFIX}", replace(join("", [uuid()]), "-", "")]))}`);
    expect(input.other_password).toBe('${sensitive(replace(join("", [uuid()]), "-", ""))}');
    expect(input.password).toBe('${sensitive(replace(join("", [uuid()]), "-", ""))}');
  });

  it('refuses a three-class name that is not a password', () => {
    const stack = new TerraformStack(Testing.app(), 'unknown');
    expect(
      () => new GeneratedCredentials(stack, 'credentials', { username: 'mockforge', passwords: ['a'], threeClassPasswords: ['b'] }),
    ).toThrow('credentials: threeClassPasswords names b, which is not in passwords');
  });
});
