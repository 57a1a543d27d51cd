import { App, Testing } from 'cdktf';
import { PolicyEngine } from '@mockforge-infra/core';
// Through the package entry point, as the composition loads it.
import { gcpTarget } from './index';
import { gcpContext } from './testing/fixtures';

// Any load of the Kubernetes package or GKE constructs fails this file.
jest.mock('@mockforge-infra/kubernetes', () => {
  throw new Error('@mockforge-infra/kubernetes was loaded');
});
jest.mock('./compute/gke-cluster', () => {
  throw new Error('the GKE cluster construct was loaded');
});
jest.mock('./backup/gke-backup-plan', () => {
  throw new Error('Backup for GKE was loaded');
});
jest.mock('./stacks/gke', () => {
  throw new Error('the GKE constructs were loaded');
});

describe('gcpTarget on Cloud Run', () => {
  it('never loads GKE or the Kubernetes bindings, and its rules are the GCP rules only', () => {
    const app: App = Testing.app();
    const policy = new PolicyEngine(gcpTarget.rules, { failOnError: false });
    const stacks = gcpTarget.addStacks(app, gcpContext('staging'), policy);
    app.synth();
    expect(stacks.map((s) => s.node.id)).toEqual(['staging-gcp-us-central1', 'staging-gcp-global']);
    expect(gcpTarget.rules).toBe(gcpTarget.rules);
    expect(policy.registeredRules.some((r) => r.id.startsWith('CKV_K8S_'))).toBe(false);
  });

  it('loads them for a GKE tier', () => {
    expect(() => gcpTarget.addStacks(Testing.app(), gcpContext('staging', { compute: { gcp: 'gke' } }), new PolicyEngine([]))).toThrow(
      /GKE constructs were loaded/,
    );
  });
});
