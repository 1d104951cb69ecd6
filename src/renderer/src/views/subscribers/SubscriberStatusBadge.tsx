import { Badge } from '@mantine/core';
import type { z } from 'zod';
import type { SubscriberStatus } from '../../../../shared/schemas/marketing';

type Status = z.infer<typeof SubscriberStatus>;

export const subscriberStatusLook: Record<Status, { color: string; label: string }> = {
  active: { color: 'teal', label: 'Active' },
  opted_out: { color: 'gray', label: 'Opted out' },
  blacklisted: { color: 'dark', label: 'Blacklisted' },
  bounced: { color: 'orange', label: 'Bounced' },
};

export function SubscriberStatusBadge({ status }: { status: Status }) {
  return <Badge color={subscriberStatusLook[status].color}>{subscriberStatusLook[status].label}</Badge>;
}
