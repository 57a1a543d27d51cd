import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import type { CommonProps } from '@mockforge-infra/core';
import { Fn, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';

export interface DnsValidatedCertificateProps extends CommonProps {
  readonly domainName: string;
  readonly alternativeNames?: readonly string[];
  readonly hostedZoneId: string;
  /** Issue in another region (CloudFront needs us-east-1). @default the stack's provider */
  readonly provider?: TerraformProvider;
}

/**
 * An ACM certificate validated through Route 53 records; `arn` is usable once validation completes.
 * `tags` and `overrides` apply to the certificate (`aws_acm_certificate`).
 */
export class DnsValidatedCertificate extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    const names = [props.domainName, ...(props.alternativeNames ?? [])];
    const certificate = new AcmCertificate(this, 'certificate', {
      provider: props.provider,
      domainName: props.domainName,
      subjectAlternativeNames: props.alternativeNames ? [...props.alternativeNames] : undefined,
      validationMethod: 'DNS',
      keyAlgorithm: 'RSA_2048',
      lifecycle: { createBeforeDestroy: true },
    });
    applyCommonProps(certificate, props);
    // One record per name, indexed by position so the addresses are known at synthesis.
    const options = Fn.tolist(certificate.domainValidationOptions);
    const records = names.map(
      (_, i) =>
        new Route53Record(this, `validation_${i}`, {
          zoneId: props.hostedZoneId,
          name: Fn.lookup(Fn.element(options, i), 'resource_record_name'),
          type: Fn.lookup(Fn.element(options, i), 'resource_record_type'),
          records: [Fn.lookup(Fn.element(options, i), 'resource_record_value')],
          ttl: 300,
          allowOverwrite: true,
        }),
    );
    const validation = new AcmCertificateValidation(this, 'validation', {
      provider: props.provider,
      certificateArn: certificate.arn,
      validationRecordFqdns: records.map((r) => r.fqdn),
    });
    this.arn = validation.certificateArn;
  }
}
