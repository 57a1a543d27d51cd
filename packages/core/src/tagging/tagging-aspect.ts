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

type Labels = Readonly<Record<string, string>>;
type Block = Record<string, unknown>;

/**
 * Google resource types whose labels are not a top-level `labels` map, by Terraform path. A
 * notification channel's `labels` are its settings (the email address), so only `user_labels` is touched.
 */
export const GCP_LABEL_PATHS: Readonly<Record<string, string>> = {
  google_monitoring_alert_policy: 'user_labels',
  google_monitoring_uptime_check_config: 'user_labels',
  google_monitoring_notification_channel: 'user_labels',
  // Not the cluster's node_config: that is the removed default pool's, and changing it replaces the cluster.
  google_container_cluster: 'resource_labels',
  google_sql_database_instance: 'settings.user_labels',
  google_container_node_pool: 'node_config.resource_labels',
};

/**
 * DigitalOcean types whose `tags` choose the Droplets they apply to (a firewall, an alert policy)
 * rather than label the resource; the standard tags there would widen them to every tier.
 */
export const DIGITALOCEAN_TAG_SELECTORS: readonly string[] = ['digitalocean_firewall', 'digitalocean_monitor_alert'];

/** A resource's label (or tag) map, wherever its type keeps it. */
export interface LabelMap {
  /** Adds labels beneath the resource's own: the resource's values win. */
  addUnder(labels: Labels): void;
  /** Adds labels over the resource's own: the given values win. */
  addOver(labels: Labels): void;
}

const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** First map under the second; a map known only at apply time is merged by Terraform. */
function merge(base: Labels, top: Labels): Record<string, string> {
  return Token.isUnresolved(base) || Token.isUnresolved(top) ? Token.asStringMap(Fn.merge([base, top])) : { ...base, ...top };
}

/**
 * The map at a Terraform path (`tags`, `settings.user_labels`) when the resource class exposes it;
 * cdktf generates an `<name>Input` getter and a setter on the resource and on each nested block.
 */
export function labelMapAt(resource: TerraformResource, path: string): LabelMap | undefined {
  const names = path.split('.').map(camel);
  const attribute = names.pop()!;
  const block = names.reduce<Block | undefined>((parent, name) => parent?.[name] as Block | undefined, resource as unknown as Block);
  if (!block || !(`${attribute}Input` in block)) return undefined;
  const own = (): Labels => (block[`${attribute}Input`] ?? {}) as Labels;
  return {
    addUnder: (labels) => (block[attribute] = merge(labels, own())),
    addOver: (labels) => (block[attribute] = merge(own(), labels)),
  };
}

/** Where a Google resource keeps its labels: a path of GCP_LABEL_PATHS, else `labels`; undefined when it takes none. */
export function gcpLabelMap(resource: TerraformResource): LabelMap | undefined {
  return labelMapAt(resource, GCP_LABEL_PATHS[resource.terraformResourceType] ?? 'labels');
}

/**
 * Applies the standard tags to every taggable resource: `tags` maps on AWS and Azure, labels on
 * GCP (wherever the type keeps them), `key:value` tag lists on DigitalOcean. Tags set on a resource
 * win over the standard ones. Kubernetes objects carry their labels in metadata, set by the workload constructs.
 */
export class TaggingAspect implements IAspect {
  constructor(private readonly tags: StandardTags) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    switch (this.tags.cloud) {
      case 'aws':
      case 'azure':
        labelMapAt(node, 'tags')?.addUnder({ ...this.tags });
        return;
      case 'gcp':
        gcpLabelMap(node)?.addUnder({ ...this.tags });
        return;
      case 'digitalocean': {
        const resource = node as TerraformResource & Block;
        if ('tagsInput' in resource && !DIGITALOCEAN_TAG_SELECTORS.includes(resource.terraformResourceType)) {
          const existing = (resource.tagsInput ?? []) as string[];
          const standard = Object.entries(this.tags).map(([k, v]) => `${k}:${v}`);
          resource.tags = [...new Set([...standard, ...existing])];
        }
        return;
      }
      case 'kubernetes':
        return;
    }
  }
}
