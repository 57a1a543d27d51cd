import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import type { Construct } from 'constructs';

/** The Google provider for one stack: the project from config, and the stack's default region. */
export function addGoogleProvider(scope: Construct, project: string, region: string): GoogleProvider {
  return new GoogleProvider(scope, 'google', { project, region });
}
