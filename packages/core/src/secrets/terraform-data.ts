import { AnyMap, TerraformResource, TerraformStack, type TerraformResourceLifecycle } from 'cdktf';
import type { Construct } from 'constructs';
import { requireTerraform } from '../stack/terraform-version';

export interface TerraformDataProps {
  readonly input: Readonly<Record<string, string>>;
  readonly lifecycle?: TerraformResourceLifecycle;
}

/**
 * Terraform's built-in `terraform_data` resource (Terraform 1.4 and later). cdktf's `DataResource`
 * binds the same resource but runs `terraform version` while synthesizing, which fails where no
 * Terraform is installed; synthesis here needs none, so the stack states `required_version` instead.
 */
export class TerraformData extends TerraformResource {
  private readonly outputMap = new AnyMap(this, 'output');

  constructor(
    scope: Construct,
    id: string,
    private readonly props: TerraformDataProps,
  ) {
    super(scope, id, {
      terraformResourceType: 'terraform_data',
      terraformGeneratorMetadata: { providerName: 'terraform' },
      lifecycle: props.lifecycle,
    });
    requireTerraform(TerraformStack.of(this), '1.4');
  }

  /** A key of the stored value, as a reference. */
  output(key: string): string {
    return this.outputMap.lookup(key) as string;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { input: this.props.input };
  }
}
