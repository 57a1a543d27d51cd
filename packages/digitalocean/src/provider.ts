import { DigitaloceanProvider } from '@cdktf/provider-digitalocean/lib/provider';
import type { Construct } from 'constructs';

/**
 * The DigitalOcean provider for one stack. The API token comes from DIGITALOCEAN_TOKEN, and the
 * Spaces key that manages buckets from SPACES_ACCESS_KEY_ID / SPACES_SECRET_ACCESS_KEY.
 */
export function addDigitalOceanProvider(scope: Construct): DigitaloceanProvider {
  return new DigitaloceanProvider(scope, 'digitalocean', {});
}
