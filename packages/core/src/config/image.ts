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
