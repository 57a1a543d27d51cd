import { App, Testing, TerraformStack } from 'cdktf';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { PolicyEngine, SuppressionError } from './engine';
import { expectAttribute, type PolicyRule } from './rule';

const encryptedStorage: PolicyRule = expectAttribute(
  {
    id: 'CKV_AWS_16',
    aliases: ['AWS-0080'],
    severity: 'error',
    description: 'RDS storage is encrypted',
    resourceTypes: ['aws_db_instance'],
  },
  (r) => r.attributes.storage_encrypted,
  (v) => v === true,
  'storage_encrypted must be true',
);

const multiAz: PolicyRule = expectAttribute(
  { id: 'CKV_AWS_157', severity: 'warning', description: 'RDS is Multi-AZ', resourceTypes: ['aws_db_instance'] },
  (r) => r.attributes.multi_az,
  (v) => v === true,
  'multi_az must be true',
);

function stackWithDatabase(props: { encrypted: boolean; multiAz?: boolean }, configure?: (db: DbInstance, scope: Construct) => void) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'policy-test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const data = new Construct(stack, 'data');
  const db = new DbInstance(data, 'instance', {
    instanceClass: 'db.t4g.micro',
    engine: 'postgres',
    storageEncrypted: props.encrypted,
    multiAz: props.multiAz,
  });
  configure?.(db, data);
  return { app, stack };
}

describe('the policy engine', () => {
  it('passes a compliant resource', () => {
    const { stack } = stackWithDatabase({ encrypted: true, multiAz: true });
    const engine = new PolicyEngine([encryptedStorage, multiAz]);
    engine.attach(stack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(engine.findings).toEqual([]);
    expect(engine.stackReports[0]).toMatchObject({ stack: 'policy-test', resourceCount: 1 });
  });

  it('fails synthesis on an error finding, naming the rule and the construct path', () => {
    const { stack } = stackWithDatabase({ encrypted: false, multiAz: true });
    new PolicyEngine([encryptedStorage]).attach(stack);
    expect(() => Testing.synth(stack, true)).toThrow(
      /\[CKV_AWS_16\] policy-test\/data\/instance \(aws_db_instance\.data_instance_[0-9A-F]+\): RDS storage is encrypted: storage_encrypted must be true \(found false\)/,
    );
  });

  it('reports warnings without failing synthesis', () => {
    const { stack } = stackWithDatabase({ encrypted: true, multiAz: false });
    const engine = new PolicyEngine([multiAz]);
    engine.attach(stack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(engine.findings).toEqual([
      expect.objectContaining({ ruleId: 'CKV_AWS_157', severity: 'warning', path: 'policy-test/data/instance' }),
    ]);
  });

  it('honours a suppression with a reason on the construct or an ancestor, and reports it', () => {
    const { stack } = stackWithDatabase({ encrypted: false }, (_db, scope) =>
      PolicyEngine.suppress(scope, 'AWS-0080', 'fixture: a throwaway database for this test'),
    );
    const engine = new PolicyEngine([encryptedStorage]);
    engine.attach(stack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(engine.findings).toEqual([
      expect.objectContaining({ ruleId: 'CKV_AWS_16', suppressedBecause: 'fixture: a throwaway database for this test' }),
    ]);
    expect(engine.blockingFindings).toEqual([]);
  });

  it('shows a reason built from an apply-time attribute with a readable placeholder, not a token', () => {
    const { stack } = stackWithDatabase({ encrypted: false }, (db, scope) =>
      PolicyEngine.suppress(scope, 'CKV_AWS_16', `fixture: ${db.arn} is a throwaway database`),
    );
    const engine = new PolicyEngine([encryptedStorage]);
    engine.attach(stack);
    Testing.synth(stack, true);
    expect(engine.findings.map((f) => f.suppressedBecause)).toEqual(['fixture: <known after apply> is a throwaway database']);
  });

  it('treats a suppression without a reason as an error', () => {
    expect(() => stackWithDatabase({ encrypted: false }, (db) => PolicyEngine.suppress(db, 'CKV_AWS_16', ''))).toThrow(SuppressionError);
    expect(() => stackWithDatabase({ encrypted: false }, (db) => PolicyEngine.suppress(db, 'CKV_AWS_16', 'because'))).toThrow(
      /needs a written reason/,
    );
  });

  it('can collect every stack before failing, for runners that report all findings at once', () => {
    const app = new App({ outdir: Testing.app().outdir, stackTraces: false });
    const engine = new PolicyEngine([encryptedStorage], { failOnError: false });
    for (const name of ['one', 'two']) {
      const stack = new TerraformStack(app, name);
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      new DbInstance(stack, 'db', { instanceClass: 'db.t4g.micro', engine: 'postgres', storageEncrypted: false });
      engine.attach(stack);
    }
    expect(() => app.synth()).not.toThrow();
    expect(engine.blockingFindings.map((f) => f.stack)).toEqual(['one', 'two']);
  });

  it('registers rules once per id', () => {
    const engine = new PolicyEngine([encryptedStorage]).register([encryptedStorage, multiAz]);
    expect(engine.registeredRules.map((r) => r.id)).toEqual(['CKV_AWS_16', 'CKV_AWS_157']);
  });
});
