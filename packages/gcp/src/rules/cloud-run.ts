import { attr, attrs, type PolicyRule } from '@mockforge-infra/core';

const PUBLIC_MEMBERS = ['allUsers', 'allAuthenticatedUsers'];

/** Cloud Run v2 gaps: CKV_GCP_102 covers only the v1 IAM resources. */
export const cloudRunRules: readonly PolicyRule[] = [
  {
    id: 'MF_GCP_2',
    severity: 'error',
    description: 'Cloud Run services behind the load balancer do not accept traffic from the internet directly',
    resourceTypes: ['google_cloud_run_v2_service'],
    check: (r) => {
      const ingress = attr(r.attributes, 'ingress');
      return ingress === undefined || ingress === 'INGRESS_TRAFFIC_ALL'
        ? `ingress is ${ingress === undefined ? 'unset (INGRESS_TRAFFIC_ALL)' : ingress}`
        : undefined;
    },
  },
  {
    id: 'MF_GCP_3',
    severity: 'warning',
    description: 'Cloud Run keeps at least one instance warm',
    resourceTypes: ['google_cloud_run_v2_service'],
    check: (r) => {
      const min = Number(attr(r.attributes, 'template.scaling.min_instance_count') ?? 0);
      return min >= 1 ? undefined : `template.scaling.min_instance_count is ${min}`;
    },
  },
  {
    id: 'MF_GCP_4',
    severity: 'error',
    description: 'Cloud Run v2 services grant no public invoker',
    resourceTypes: ['google_cloud_run_v2_service_iam_member', 'google_cloud_run_v2_service_iam_binding'],
    check: (r) => {
      const members = [...attrs(r.attributes, 'member'), ...attrs(r.attributes, 'members')].map(String);
      const open = members.find((m) => PUBLIC_MEMBERS.includes(m));
      return open ? `${open} may invoke the service` : undefined;
    },
  },
];
