import { TerraformResource } from 'cdktf';
import { gcpLabelMap, type CommonProps } from '@mockforge-infra/core';
import type { IConstruct } from 'constructs';

/**
 * Applies core's common props to a construct, once its resources exist: `tags` as extra labels on
 * every resource of the construct that takes labels, wherever its type keeps them (over the standard
 * ones the tagging aspect adds beneath), and each `overrides` entry as an attribute override on the main resource.
 */
export function applyCommonProps(construct: IConstruct, main: TerraformResource, props: CommonProps): void {
  const { tags } = props;
  if (tags) {
    for (const node of construct.node.findAll()) {
      if (node instanceof TerraformResource) gcpLabelMap(node)?.addOver(tags);
    }
  }
  for (const [path, value] of Object.entries(props.overrides ?? {})) main.addOverride(path, value);
}
