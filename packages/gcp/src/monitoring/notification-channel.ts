import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { standardTags } from '@mockforge-infra/core';
import type { Construct } from 'constructs';

/**
 * An email channel. Its `labels` are the channel's settings and its resource labels are `user_labels`:
 * the standard labels the tagging aspect adds to `labels` are removed again (an undefined override
 * deletes a key).
 */
export function emailChannel(
  scope: Construct,
  id: string,
  displayName: string,
  email: string,
  userLabels: Readonly<Record<string, string>>,
): MonitoringNotificationChannel {
  const channel = new MonitoringNotificationChannel(scope, id, {
    type: 'email',
    displayName,
    labels: { email_address: email },
    userLabels: { ...userLabels },
  });
  for (const key of Object.keys(standardTags('dev', 'gcp', 'global'))) channel.addOverride(`labels.${key}`, undefined);
  return channel;
}
