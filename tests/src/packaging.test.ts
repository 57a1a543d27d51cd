// Other teams consume the packages from a registry: pack core and the Kubernetes target, install
// the tarballs into a project outside the workspace, and synthesize a stack with them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const CONSUMER = `
const { App } = require('cdktf');
const { defaultConfig, PolicyEngine, targetContext } = require('@mockforge-infra/core');
const { kubernetesTarget } = require('@mockforge-infra/kubernetes');

const app = new App({ outdir: 'cdktf.out', stackTraces: false });
const policy = new PolicyEngine(kubernetesTarget.rules);
const context = targetContext(defaultConfig(['kubernetes']), 'production', 'kubernetes');
const stacks = kubernetesTarget.addStacks(app, context, policy);
app.synth();
console.log(JSON.stringify({ stacks: stacks.map((s) => s.node.id), blocking: policy.blockingFindings.length }));
`;

describe('the published packages', () => {
  it('install from their tarballs outside the workspace and synthesize a stack', () => {
    for (const name of ['core', 'kubernetes']) {
      run(process.execPath, [join(root, 'tools', 'build.mjs'), `packages/${name}`], root);
      run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', `packages/${name}/tsconfig.build.json`], root);
    }
    const consumer = mkdtempSync(join(tmpdir(), 'mockforge-consumer-'));
    const tarballs = ['core', 'kubernetes'].map((name) => {
      const packed = run('npm', ['pack', '--silent', '--pack-destination', consumer], join(root, 'packages', name))
        .trim()
        .split('\n')
        .pop()!;
      return join(consumer, packed);
    });
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({
        name: 'consumer',
        private: true,
        dependencies: {
          '@mockforge-infra/core': `file:${tarballs[0]}`,
          '@mockforge-infra/kubernetes': `file:${tarballs[1]}`,
          cdktf: rootPackage.dependencies.cdktf,
          constructs: rootPackage.dependencies.constructs,
          '@cdktf/provider-kubernetes': rootPackage.dependencies['@cdktf/provider-kubernetes'],
        },
      }),
    );
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-workspaces'], consumer);

    // Only the built output ships, with its types.
    const installed = join(consumer, 'node_modules', '@mockforge-infra', 'kubernetes');
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'dist', 'package.json']);
    expect(existsSync(join(installed, 'dist', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(consumer, 'node_modules', '@mockforge-infra', 'core', 'dist', 'index.d.ts'))).toBe(true);

    writeFileSync(join(consumer, 'synth.js'), CONSUMER);
    const result = JSON.parse(run(process.execPath, ['synth.js'], consumer)) as { stacks: string[]; blocking: number };
    expect(result).toEqual({ stacks: ['production-kubernetes-primary', 'production-kubernetes-secondary'], blocking: 0 });
    const stack = JSON.parse(readFileSync(join(consumer, 'cdktf.out', 'stacks', 'production-kubernetes-primary', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(stack.resource)).toEqual(
      expect.arrayContaining(['kubernetes_deployment_v1', 'kubernetes_horizontal_pod_autoscaler_v2']),
    );
  }, 240_000);
});
