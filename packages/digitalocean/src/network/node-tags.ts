import { Tag } from '@cdktf/provider-digitalocean/lib/tag';
import type { TierName } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { regionNodeTag, tierNodeTag } from '../naming';

export interface NodeTagsProps {
  readonly tier: TierName;
  readonly region: string;
  /** The tier tag's name from the primary region, which creates it; absent in the primary itself. */
  readonly tierTagName?: string;
}

/**
 * The tags DOKS nodes carry, as resources: a cloud firewall or a database firewall `tag` rule needs
 * its tag to exist, so the node pool, the node firewall and the database firewall name these by
 * reference and are created after them. The tier tag (every region's nodes, admitted to the primary
 * database) lives in the primary region; each region owns its region tag (its node firewall and alerts).
 */
export class NodeTags extends Construct {
  readonly tierTag?: Tag;
  readonly regionTag: Tag;
  readonly tierTagName: string;
  readonly regionTagName: string;

  constructor(scope: Construct, id: string, props: NodeTagsProps) {
    super(scope, id);
    if (props.tierTagName === undefined) this.tierTag = new Tag(this, 'tier', { name: tierNodeTag(props.tier) });
    this.tierTagName = this.tierTag?.name ?? props.tierTagName!;
    this.regionTag = new Tag(this, 'region', { name: regionNodeTag(props.tier, props.region) });
    this.regionTagName = this.regionTag.name;
  }
}
