import type { TerraformStack } from 'cdktf';

/** `major.minor` of a Terraform release. */
export type TerraformVersion = `${number}.${number}`;

const minimums = new WeakMap<TerraformStack, TerraformVersion>();

const parts = (version: TerraformVersion) => version.split('.').map(Number) as [number, number];
const newer = (a: TerraformVersion, b: TerraformVersion) => {
  const [am, an] = parts(a);
  const [bm, bn] = parts(b);
  return am > bm || (am === bm && an > bn);
};

/**
 * States that `stack` needs Terraform `minimum` or later (`terraform.required_version`). Each
 * construct states what it uses; the highest wins whatever the order they were added in.
 */
export function requireTerraform(stack: TerraformStack, minimum: TerraformVersion): void {
  const current = minimums.get(stack);
  if (current && !newer(minimum, current)) return;
  minimums.set(stack, minimum);
  stack.addOverride('terraform.required_version', `>= ${minimum}`);
}
