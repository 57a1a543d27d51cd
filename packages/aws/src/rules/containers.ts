import { SECRET_KEYS, type PolicyRule, type SynthesizedResource } from '@mockforge-infra/core';
import { attr, attrs, attributeRule, customRule, isSet, isTrue } from './helpers';

const TASK = ['aws_ecs_task_definition'];
const SERVICE = ['aws_ecs_service'];
const CLUSTER = ['aws_ecs_cluster'];
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|ACCESS_KEY|CREDENTIAL)/i;

interface Container {
  readonly name?: string;
  readonly privileged?: boolean;
  readonly readonlyRootFilesystem?: boolean;
  readonly environment?: readonly { name: string; value: string }[];
}

function containers(resource: SynthesizedResource): Container[] | undefined {
  const raw = attr(resource.attributes, 'container_definitions');
  if (typeof raw !== 'string') return Array.isArray(raw) ? (raw as Container[]) : undefined;
  try {
    return JSON.parse(raw) as Container[];
  } catch {
    return undefined;
  }
}

function containerRule(
  meta: { id: string; aliases?: string[]; severity: 'error' | 'warning'; description: string },
  bad: (c: Container) => string | undefined,
): PolicyRule {
  return customRule({ ...meta, resourceTypes: TASK }, (r) => {
    const list = containers(r);
    if (!list) return 'container_definitions must be a JSON list the check can read';
    const problems = list.map((c) => bad(c)).filter((p): p is string => p !== undefined);
    return problems.length === 0 ? undefined : problems.join('; ');
  });
}

const secretKeys: readonly string[] = SECRET_KEYS;

export const containerRules: readonly PolicyRule[] = [
  containerRule({ id: 'CKV_AWS_334', severity: 'warning', description: 'Containers are not privileged' }, (c) =>
    c.privileged === true ? `${c.name} is privileged` : undefined,
  ),
  attributeRule(
    { id: 'CKV_AWS_335', severity: 'warning', description: 'Tasks do not share the host PID namespace', resourceTypes: TASK },
    'pid_mode',
    (v) => v !== 'host',
    'pid_mode other than host',
  ),
  containerRule({ id: 'CKV_AWS_336', severity: 'warning', description: 'Containers have a read-only root filesystem' }, (c) =>
    c.readonlyRootFilesystem === true ? undefined : `${c.name} needs readonlyRootFilesystem = true`,
  ),
  containerRule({ id: 'AWS-0036', severity: 'error', description: 'No secrets in container environment variables' }, (c) => {
    const leaked = (c.environment ?? []).filter((e) => secretKeys.includes(e.name) || SECRET_NAME.test(e.name)).map((e) => e.name);
    return leaked.length === 0 ? undefined : `${c.name} passes ${leaked.join(', ')} in environment; use secrets[].valueFrom`;
  }),
  customRule({ id: 'CKV_AWS_249', severity: 'warning', description: 'Task and execution roles differ', resourceTypes: TASK }, (r) => {
    const execution = attr(r.attributes, 'execution_role_arn');
    return isSet(execution) && execution === attr(r.attributes, 'task_role_arn')
      ? 'execution_role_arn and task_role_arn are the same role'
      : undefined;
  }),
  customRule(
    {
      id: 'CKV_AWS_97',
      aliases: ['AWS-0035'],
      severity: 'error',
      description: 'EFS volumes are encrypted in transit',
      resourceTypes: TASK,
    },
    (r) => {
      const settings = attrs(r.attributes, 'volume.efs_volume_configuration') as { transit_encryption?: string }[];
      const bad = settings.filter((s) => s.transit_encryption !== 'ENABLED');
      return bad.length === 0 ? undefined : 'efs_volume_configuration.transit_encryption must be ENABLED';
    },
  ),
  attributeRule(
    { id: 'CKV_AWS_333', severity: 'warning', description: 'ECS services get no public IP', resourceTypes: SERVICE },
    'network_configuration.assign_public_ip',
    (v) => !isTrue(v),
    'assign_public_ip = false',
  ),
  customRule(
    { id: 'CKV_AWS_332', severity: 'warning', description: 'Fargate services run the latest platform', resourceTypes: SERVICE },
    (r) => {
      const fargate =
        attr(r.attributes, 'launch_type') === 'FARGATE' ||
        attrs(r.attributes, 'capacity_provider_strategy.capacity_provider').some((p) => String(p).startsWith('FARGATE'));
      if (!fargate) return undefined;
      const version = attr(r.attributes, 'platform_version');
      return version === undefined || version === 'LATEST' ? undefined : `platform_version ${JSON.stringify(version)} instead of LATEST`;
    },
  ),
  customRule(
    {
      id: 'CKV_AWS_65',
      aliases: ['AWS-0034'],
      severity: 'warning',
      description: 'ECS clusters have Container Insights',
      resourceTypes: CLUSTER,
    },
    (r) => {
      const settings = attrs(r.attributes, 'setting') as { name?: string; value?: string }[];
      return settings.some((s) => s.name === 'containerInsights' && (s.value === 'enabled' || s.value === 'enhanced'))
        ? undefined
        : 'setting containerInsights = enabled or enhanced';
    },
  ),
  customRule({ id: 'CKV_AWS_223', severity: 'warning', description: 'ECS Exec sessions are logged', resourceTypes: CLUSTER }, (r) => {
    const logging = attr(r.attributes, 'configuration.execute_command_configuration.logging');
    return isSet(logging) && logging !== 'NONE' ? undefined : 'configuration.execute_command_configuration.logging set and not NONE';
  }),
];
