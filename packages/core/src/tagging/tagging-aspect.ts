import { Fn, TerraformResource, Token, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { CloudName } from '../config/regions';
import type { TierName } from '../seed';

export interface StandardTags {
  readonly app: string;
  readonly tier: TierName;
  readonly cloud: CloudName;
  readonly region: string;
  readonly 'managed-by': string;
}

export function standardTags(tier: TierName, cloud: CloudName, region: string): StandardTags {
  return { app: 'mockforge', tier, cloud, region, 'managed-by': 'cdktf' };
}

type Taggable = TerraformResource & Record<string, unknown>;

/** True when the resource class exposes the attribute (cdktf generates `<name>Input` getters). */
function has(resource: Taggable, attribute: string): boolean {
  return `${attribute}Input` in resource;
}

/**
 * Applies the standard tags to every taggable resource: `tags` maps on AWS and Azure, `labels`
 * on GCP, `key:value` tag lists on DigitalOcean. Tags set on a resource win over the standard ones.
 * Kubernetes objects carry their labels in metadata, set by the workload constructs.
 */
export class TaggingAspect implements IAspect {
  constructor(private readonly tags: StandardTags) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    const resource = node as Taggable;
    /** The standard map under the resource's own; a map known only at apply time is merged by Terraform. */
    const merged = (name: string): Record<string, string> => {
      const own = (resource[`${name}Input`] ?? {}) as Record<string, string>;
      return Token.isUnresolved(own) ? Token.asStringMap(Fn.merge([{ ...this.tags }, own])) : { ...this.tags, ...own };
    };
    switch (this.tags.cloud) {
      case 'aws':
      case 'azure':
        if (has(resource, 'tags')) resource.tags = merged('tags');
        return;
      case 'gcp':
        if (has(resource, 'labels')) resource.labels = merged('labels');
        return;
      case 'digitalocean':
        if (has(resource, 'tags')) {
          const existing = (resource.tagsInput ?? []) as string[];
          const standard = Object.entries(this.tags).map(([k, v]) => `${k}:${v}`);
          resource.tags = [...new Set([...standard, ...existing])];
        }
        return;
      case 'kubernetes':
        return;
    }
  }
}
