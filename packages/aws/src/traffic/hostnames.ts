/** Names under a tier's public hostname: users resolve `hostname`, CloudFront resolves the origin names. */
export function originHost(hostname: string): string {
  return `origin.${hostname}`;
}

export function regionalOriginHost(hostname: string, region: string): string {
  return `${region}.origin.${hostname}`;
}

/** The failover pair that answers for one region: that region while healthy, else the next one. */
export function regionalFailoverHost(originHostName: string, region: string): string {
  return `${region}.failover.${originHostName}`;
}
