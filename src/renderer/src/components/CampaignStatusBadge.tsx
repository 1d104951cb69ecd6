import { Badge, type MantineSize } from '@mantine/core';
import type { CampaignStatus } from '../../../shared/schemas/marketing';

const look: Record<CampaignStatus, { color: string; label: string }> = {
  draft: { color: 'gray', label: 'Draft' },
  scheduled: { color: 'blue', label: 'Scheduled' },
  sending: { color: 'yellow', label: 'Sending' },
  sent: { color: 'teal', label: 'Sent' },
  failed: { color: 'red', label: 'Failed' },
  canceled: { color: 'dark', label: 'Canceled' },
};

export function campaignStatusLabel(status: CampaignStatus): string {
  return look[status].label;
}

export function CampaignStatusBadge({ status, size }: { status: CampaignStatus; size?: MantineSize }) {
  return <Badge color={look[status].color} {...(size ? { size } : {})}>{look[status].label}</Badge>;
}
