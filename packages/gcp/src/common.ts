import { TerraformResource } from 'cdktf';
import { standardTags, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import type { IConstruct } from 'constructs';

type Labels = Readonly<Record<string, string>>;
type Labelled = TerraformResource & { labels: Record<string, string>; readonly labelsInput?: Record<string, string> };

/** Resource types whose top-level `labels` are settings, not resource labels (theirs are `user_labels`). */
const SETTINGS_LABELS: ReadonlySet<string> = new Set(['google_monitoring_notification_channel']);

/**
 * The standard labels with the construct's own `tags` on top (own win), for label maps core's tagging
 * aspect does not reach: it sets only a top-level `labels` attribute, while Cloud SQL keeps labels in
 * `settings.user_labels`, GKE in `resource_labels` and Cloud Monitoring in `user_labels`.
 */
export function standardLabels(context: TargetContext, region: string, tags?: Labels): Record<string, string> {
  return { ...standardTags(context.tier, 'gcp', region), ...tags };
}

/**
 * Applies core's common props to a construct, once its resources exist: `tags` as extra labels on
 * every resource of the construct with a top-level `labels` map (over the standard ones the tagging
 * aspect adds), and each `overrides` entry as an attribute override on the main resource. Label maps
 * kept elsewhere take `standardLabels` in the construct.
 */
export function applyCommonProps(construct: IConstruct, main: TerraformResource, props: CommonProps): void {
  const { tags } = props;
  if (tags) {
    for (const node of construct.node.findAll()) {
      if (!(node instanceof TerraformResource) || !('labelsInput' in node) || SETTINGS_LABELS.has(node.terraformResourceType)) continue;
      const resource = node as Labelled;
      resource.labels = { ...resource.labelsInput, ...tags };
    }
  }
  for (const [path, value] of Object.entries(props.overrides ?? {})) main.addOverride(path, value);
}
