import type { TerraformResource } from 'cdktf';
import type { CommonProps } from '@mockforge-infra/core';

/** Applies core's common props to a construct's main resource: extra labels and attribute overrides. */
export function applyCommonProps(resource: TerraformResource, props: CommonProps): void {
  const labelled = resource as TerraformResource & { labels?: Record<string, string> };
  if (props.tags && 'labelsInput' in resource) labelled.labels = { ...props.tags };
  for (const [path, value] of Object.entries(props.overrides ?? {})) resource.addOverride(path, value);
}
