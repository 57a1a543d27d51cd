/** Names under the configured domain: users resolve `domain`, CloudFront resolves the origin names. */
export function originHost(domain: string): string {
  return `origin.${domain}`;
}

export function regionalOriginHost(domain: string, region: string): string {
  return `${region}.origin.${domain}`;
}
