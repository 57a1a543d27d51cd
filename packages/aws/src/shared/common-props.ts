import type { CommonProps } from '@mockforge-infra/core';
import type { TerraformElement } from 'cdktf';

type Tagged = TerraformElement & { tags: Record<string, string>; readonly tagsInput?: Record<string, string> };

/**
 * Applies core's common props to a construct's main resource: `tags` merged over the resource's own
 * (for resource types that take tags; the stack's standard tags are added later) and each `overrides`
 * entry as a Terraform attribute override.
 */
export function applyCommonProps(resource: TerraformElement, props: CommonProps): void {
  if (props.tags && 'tagsInput' in resource) {
    const tagged = resource as Tagged;
    tagged.tags = { ...tagged.tagsInput, ...props.tags };
  }
  for (const [path, value] of Object.entries(props.overrides ?? {})) resource.addOverride(path, value);
}
