import type { TerraformResourceLifecycle } from 'cdktf';

/**
 * The lifecycle block of a stateful resource: `prevent_destroy` when the tier protects its state
 * (`TierProfile.preventDestroy`), merged with the resource's own lifecycle settings. Without either,
 * no block is written.
 */
export function statefulLifecycle(
  preventDestroy: boolean,
  lifecycle: TerraformResourceLifecycle = {},
): TerraformResourceLifecycle | undefined {
  const merged: TerraformResourceLifecycle = preventDestroy ? { ...lifecycle, preventDestroy: true } : lifecycle;
  return Object.keys(merged).length > 0 ? merged : undefined;
}
