import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import type { Construct } from 'constructs';

/** An email channel. Its `labels` are the channel's settings; the tagging aspect labels it in `user_labels`. */
export function emailChannel(scope: Construct, id: string, displayName: string, email: string): MonitoringNotificationChannel {
  return new MonitoringNotificationChannel(scope, id, { type: 'email', displayName, labels: { email_address: email } });
}
