import { MOCKFORGE_IMAGE_REGISTRY, MOCKFORGE_IMAGE_REPOSITORY } from '../seed';
import { DEFAULT_IMAGE_TAG } from './defaults';
import type { CloudName } from './regions';

/** Image references must be immutable: a full semver tag, a `main-<sha>` tag, or a digest. */
const REFERENCE =
  /^(?<repo>[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)+)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9._-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;
const PINNED_TAG = /^(v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?|main-[0-9a-f]{7,40})$/;

export interface ImageReference {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export function parseImage(image: string): ImageReference | undefined {
  const m = REFERENCE.exec(image);
  if (!m?.groups) return undefined;
  return { repository: m.groups.repo!, tag: m.groups.tag, digest: m.groups.digest };
}

/** Returns why the image is not pinned, or undefined when it is. */
export function unpinnedReason(image: string): string | undefined {
  const ref = parseImage(image);
  if (!ref) return 'expected an image reference such as ghcr.io/saasy-solutions/mockforge:0.3.213';
  if (ref.digest) return undefined;
  if (!ref.tag) return 'the image has no tag; pin a release tag (0.3.213) or a digest (@sha256:...)';
  if (ref.tag === 'latest') return '`latest` is not allowed; pin a release tag (0.3.213) or a digest (@sha256:...)';
  if (!PINNED_TAG.test(ref.tag)) return `tag "${ref.tag}" can move; pin a full release tag (0.3.213), main-<sha> or a digest (@sha256:...)`;
  return undefined;
}

/**
 * Clouds that pull the image through a mirror of ghcr.io (an ECR pull-through cache, an Artifact
 * Registry remote repository), so they can serve no other registry. Kubernetes pulls directly.
 */
const MIRRORED_CLOUDS: readonly CloudName[] = ['aws', 'gcp'];

/** The registry host of a reference; a first segment without a dot, port or `localhost` is Docker Hub's path. */
function imageRegistry(ref: ImageReference): string {
  const first = ref.repository.split('/')[0]!;
  return /[.:]/.test(first) || first === 'localhost' ? first : 'docker.io';
}

/** Returns why the image's registry cannot be used on these clouds, or undefined when it can. */
export function registryReason(image: string, clouds: readonly CloudName[]): string | undefined {
  const ref = parseImage(image);
  // An unparsable reference is reported by unpinnedReason.
  if (!ref) return undefined;
  const registry = imageRegistry(ref);
  const mirrored = MIRRORED_CLOUDS.filter((cloud) => clouds.includes(cloud));
  if (registry === MOCKFORGE_IMAGE_REGISTRY || mirrored.length === 0) return undefined;
  return (
    `an image on ${MOCKFORGE_IMAGE_REGISTRY} (such as ${MOCKFORGE_IMAGE_REPOSITORY}:${DEFAULT_IMAGE_TAG}), not ${registry}: ` +
    `${mirrored.join(' and ')} ${mirrored.length > 1 ? 'pull' : 'pulls'} through a mirror of ${MOCKFORGE_IMAGE_REGISTRY} only; other registries work with kubernetes alone`
  );
}
