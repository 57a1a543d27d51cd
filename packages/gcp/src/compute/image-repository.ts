import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { parseImage, type CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { GHCR_UPSTREAM_URI } from '../sizing';

export interface GhcrRemoteRepositoryProps extends CommonProps {
  readonly project: string;
  readonly region: string;
  readonly repositoryId: string;
}

/**
 * The upstream image (`ghcr.io/<path>:<tag>` or `@sha256:`) as pulled through a remote repository:
 * `<region>-docker.pkg.dev/<project>/<repo>/<path>:<tag>`.
 */
export function mirroredImage(image: string, registryHost: string): string {
  const ref = parseImage(image);
  if (!ref) throw new Error(`cannot mirror image reference ${image}`);
  const [first, ...rest] = ref.repository.split('/');
  const path = first && /[.:]/.test(first) ? rest.join('/') : ref.repository;
  return `${registryHost}/${path}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** An Artifact Registry remote repository proxying ghcr.io: Cloud Run cannot pull from ghcr.io itself. */
export class GhcrRemoteRepository extends Construct {
  readonly repository: ArtifactRegistryRepository;
  /** `<region>-docker.pkg.dev/<project>/<repo>`. */
  readonly host: string;

  constructor(scope: Construct, id: string, props: GhcrRemoteRepositoryProps) {
    super(scope, id);
    this.repository = new ArtifactRegistryRepository(this, 'repository', {
      repositoryId: props.repositoryId,
      location: props.region,
      format: 'DOCKER',
      mode: 'REMOTE_REPOSITORY',
      description: 'Pull-through cache of ghcr.io for the MockForge image',
      remoteRepositoryConfig: { description: 'ghcr.io', dockerRepository: { customRepository: { uri: GHCR_UPSTREAM_URI } } },
    });
    applyCommonProps(this, this.repository, props);
    this.host = `${props.region}-docker.pkg.dev/${props.project}/${props.repositoryId}`;
  }

  imageFor(image: string): string {
    return mirroredImage(image, this.host);
  }
}
