import { TerraformResource } from 'cdktf';
import { labelMapAt, type CommonProps } from '@mockforge-infra/core';
import type { IConstruct } from 'constructs';

/**
 * Applies core's common props once a construct's resources exist: `tags` on every resource of the
 * construct that takes them (over the standard ones the tagging aspect adds beneath), and each
 * `overrides` entry as an attribute override on the main resource.
 */
export function applyCommonProps(construct: IConstruct, main: TerraformResource, props: CommonProps): void {
  if (props.tags) {
    for (const node of construct.node.findAll()) {
      if (node instanceof TerraformResource) labelMapAt(node, 'tags')?.addOver(props.tags);
    }
  }
  for (const [path, value] of Object.entries(props.overrides ?? {})) main.addOverride(path, value);
}
