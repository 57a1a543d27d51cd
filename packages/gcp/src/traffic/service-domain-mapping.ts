import { CloudRunDomainMapping } from '@cdktf/provider-google/lib/cloud-run-domain-mapping';
import { TerraformIterator, Token, type IResolvable } from 'cdktf';
import { Construct } from 'constructs';

export interface ServiceDomainMappingProps {
  readonly project: string;
  /** The service's region. */
  readonly region: string;
  /** The hostname; Terraform's identity must be a verified owner of the domain. */
  readonly domain: string;
  readonly serviceName: string;
}

/**
 * The hostname mapped to a Cloud Run service, which serves it over HTTPS with a Google-managed
 * certificate. The zone apex cannot be a CNAME, so DNS takes the A and AAAA records the mapping reports.
 */
export class ServiceDomainMapping extends Construct {
  readonly mapping: CloudRunDomainMapping;
  readonly apexRecords: { readonly a: string[]; readonly aaaa: string[] };

  constructor(scope: Construct, id: string, props: ServiceDomainMappingProps) {
    super(scope, id);
    this.mapping = new CloudRunDomainMapping(this, 'mapping', {
      location: props.region,
      name: props.domain,
      metadata: { namespace: props.project },
      spec: { routeName: props.serviceName, certificateMode: 'AUTOMATIC' },
    });
    const records = this.mapping.status.get(0).resourceRecords as unknown as IResolvable;
    const ofType = (type: string) =>
      Token.asList(TerraformIterator.fromList(records).forExpressionForList(`val.rrdata if val.type == "${type}"`));
    this.apexRecords = { a: ofType('A'), aaaa: ofType('AAAA') };
  }
}
