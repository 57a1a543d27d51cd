import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';

export interface AlertTopicProps extends CommonProps {
  readonly name: string;
  readonly kmsKeyArn: string;
  /** Subscribed by email; the recipient confirms the subscription. @default none */
  readonly email?: string;
}

/**
 * The KMS-encrypted SNS topic every alarm notifies.
 * `tags` and `overrides` apply to the topic (`aws_sns_topic`).
 */
export class AlertTopic extends Construct {
  readonly topic: SnsTopic;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    this.topic = new SnsTopic(this, 'topic', { name: props.name, kmsMasterKeyId: props.kmsKeyArn });
    applyCommonProps(this.topic, props);
    if (props.email) new SnsTopicSubscription(this, 'email', { topicArn: this.topic.arn, protocol: 'email', endpoint: props.email });
    this.arn = this.topic.arn;
  }
}
