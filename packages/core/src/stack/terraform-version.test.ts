import { Testing, TerraformStack } from 'cdktf';
import { requireTerraform } from './terraform-version';

const requiredVersion = (stack: TerraformStack) =>
  (JSON.parse(Testing.synth(stack)) as { terraform?: { required_version?: string } }).terraform?.required_version;

describe('requireTerraform', () => {
  it('keeps the highest minimum, whichever construct states it first', () => {
    const later = new TerraformStack(Testing.app(), 'later');
    requireTerraform(later, '1.7');
    requireTerraform(later, '1.4');
    expect(requiredVersion(later)).toBe('>= 1.7');
    const earlier = new TerraformStack(Testing.app(), 'earlier');
    requireTerraform(earlier, '1.4');
    requireTerraform(earlier, '1.10');
    requireTerraform(earlier, '1.7');
    expect(requiredVersion(earlier)).toBe('>= 1.10');
  });

  it('states nothing for a stack that needs no particular version', () => {
    expect(requiredVersion(new TerraformStack(Testing.app(), 'plain'))).toBeUndefined();
  });
});
