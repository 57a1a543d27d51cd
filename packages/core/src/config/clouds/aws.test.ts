import { defaultConfig } from '../defaults';
import type { MockforgeConfig } from '../model';
import { validateConfig } from '../validate';

const withAws = (aws: MockforgeConfig['aws']): MockforgeConfig => ({ ...defaultConfig(['aws']), aws });

describe('aws settings', () => {
  it('accepts IAM role ARNs, with a path and in every partition, as EKS administrators', () => {
    const roles = [
      'arn:aws:iam::123456789012:role/deploy',
      'arn:aws:iam::123456789012:role/ci/github-actions/mockforge-deploy',
      'arn:aws-us-gov:iam::123456789012:role/ops.admin@example',
      'arn:aws-cn:iam::123456789012:role/deploy',
    ];
    expect(validateConfig(withAws({ eksAdminRoleArns: roles }))).toEqual([]);
  });

  it('rejects anything but an IAM role ARN, and a repeated one, field by field', () => {
    const issues = validateConfig(
      withAws({
        eksAdminRoleArns: [
          'arn:aws:iam::123456789012:role/deploy',
          'arn:aws:sts::123456789012:assumed-role/deploy/session',
          'arn:aws:iam::123456789012:user/alice',
          'arn:aws:iam::12345678901:role/deploy',
          'deploy',
          'arn:aws:iam::123456789012:role/deploy',
        ],
      }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'aws.eksAdminRoleArns[1]',
      'aws.eksAdminRoleArns[2]',
      'aws.eksAdminRoleArns[3]',
      'aws.eksAdminRoleArns[4]',
      'aws.eksAdminRoleArns[5]',
    ]);
    expect(issues[0]!.expected).toBe(
      'expected an IAM role ARN such as arn:aws:iam::123456789012:role/deploy (not an sts assumed-role ARN)',
    );
    expect(issues[4]!.expected).toBe('duplicates are not allowed');
  });
});
