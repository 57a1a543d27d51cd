import { Project } from '@cdktf/provider-digitalocean/lib/project';
import { ProjectResources } from '@cdktf/provider-digitalocean/lib/project-resources';
import type { CommonProps, TierName } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';

const ENVIRONMENTS: Readonly<Record<TierName, string>> = { dev: 'Development', staging: 'Staging', production: 'Production' };

export interface TierProjectProps extends CommonProps {
  readonly tier: TierName;
}

/** `digitalocean_project` `mockforge-<tier>`: every resource of the tier is filed in it. */
export class TierProject extends Construct {
  readonly project: Project;

  constructor(scope: Construct, id: string, props: TierProjectProps) {
    super(scope, id);
    this.project = new Project(this, 'project', {
      name: resourceName(props.tier),
      description: `MockForge ${props.tier}`,
      purpose: 'Service or API',
      environment: ENVIRONMENTS[props.tier],
    });
    applyCommonProps(this, this.project, props);
  }
}

/** Files resources that take no `project_id` (clusters, buckets, domains) into the tier's project, by URN. */
export function fileInProject(scope: Construct, id: string, projectId: string, urns: readonly string[]): ProjectResources {
  return new ProjectResources(scope, id, { project: projectId, resources: [...urns] });
}
