import { Testing } from 'cdktf';
import { EncryptionKey, type EncryptionKeyProps } from './kms-key';

type Statement = { Sid: string; Principal: { Service?: string | string[] } };

function statements(props: Partial<EncryptionKeyProps> = {}): Record<string, Statement> {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new EncryptionKey(scope, 'key', { alias: 'k', region: 'eu-west-1', ...props });
    }),
  ) as { resource: { aws_kms_key: Record<string, { policy: string }> } };
  const policy = JSON.parse(Object.values(json.resource.aws_kms_key)[0]!.policy) as { Statement: Statement[] };
  return Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
}

describe('EncryptionKey', () => {
  it('trusts alarm notifications, log delivery, AWS Backup and Prometheus alerts by default; CloudWatch Logs only in its own region', () => {
    const policy = statements();
    expect(policy.AccountServices!.Principal.Service).toEqual([
      'cloudwatch.amazonaws.com',
      'delivery.logs.amazonaws.com',
      'backup.amazonaws.com',
      'aps.amazonaws.com',
    ]);
    expect(policy.CloudWatchLogs!.Principal.Service).toBe('logs.eu-west-1.amazonaws.com');
  });

  it('trusts only the given services when servicePrincipals is set', () => {
    expect(statements({ servicePrincipals: ['sns.amazonaws.com'] }).AccountServices!.Principal.Service).toEqual(['sns.amazonaws.com']);
  });
});
