import { TerraformResource } from 'cdktf';
import { DIGITALOCEAN_TAG_SELECTORS, type CommonProps } from '@mockforge-infra/core';
import type { IConstruct } from 'constructs';

/** DigitalOcean tags are `key:value` strings; a map from core's common props becomes such a list. */
export function tagList(tags: Readonly<Record<string, string>>): string[] {
  return Object.entries(tags).map(([key, value]) => `${key}:${value}`);
}

/**
 * Applies core's common props once a construct's resources exist: `tags` as extra `key:value` tags on
 * every resource that takes them (not on firewalls and alert policies, whose tags select Droplets),
 * and each `overrides` entry as an attribute override on the main resource.
 */
export function applyCommonProps(construct: IConstruct, main: TerraformResource, props: CommonProps): void {
  if (props.tags) {
    for (const node of construct.node.findAll()) {
      const resource = node as TerraformResource & { tagsInput?: string[]; tags?: string[] };
      if (!(node instanceof TerraformResource) || !('tagsInput' in resource)) continue;
      if (DIGITALOCEAN_TAG_SELECTORS.includes(node.terraformResourceType)) continue;
      resource.tags = [...(resource.tagsInput ?? []), ...tagList(props.tags)];
    }
  }
  for (const [path, value] of Object.entries(props.overrides ?? {})) main.addOverride(path, value);
}
