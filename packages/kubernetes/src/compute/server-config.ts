import type { ServiceSpec } from '@mockforge-infra/core';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Construct } from 'constructs';
import { CONFIG_KEY } from './pod-template';

export interface ServerConfigProps {
  readonly service: ServiceSpec;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** The real mockforge.yaml, mounted read-only where `serve --config` reads it. */
export class ServerConfig extends Construct {
  readonly configMap: ConfigMapV1;
  readonly name: string;

  constructor(scope: Construct, id: string, props: ServerConfigProps) {
    super(scope, id);
    this.configMap = new ConfigMapV1(this, 'config-map', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels } },
      data: { [CONFIG_KEY]: props.service.configFile.content },
    });
    this.name = this.configMap.metadata.name;
  }
}
