// The README's full configuration example must stay valid and mention every key of the schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPLEMENTED_CLOUDS } from '@mockforge-infra/composition';
import { parseConfig } from '@mockforge-infra/core';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const example = /A full example with every key:\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

describe('the README configuration example', () => {
  it('is a valid configuration', () => {
    const config = parseConfig(example, 'README.md', IMPLEMENTED_CLOUDS);
    expect(Object.keys(config.tiers)).toEqual(['dev', 'staging', 'production']);
  });

  it('documents every top-level and tier key', () => {
    const keys = [
      'image',
      'domain',
      'clouds',
      'tiers',
      'backend',
      'tls',
      'features',
      'alerts',
      'aws',
      'gcp',
      'kubernetes',
      'size',
      'topology',
      'regions',
      'compute',
      'scalingPreset',
      'loadBalancing',
      'cidrs',
      'hostnames',
      'optOuts',
    ];
    for (const key of keys) expect({ key, documented: new RegExp(`\\b${key}:`).test(example) }).toEqual({ key, documented: true });
  });
});
