import type { z } from 'zod';
import type { CampaignAudience } from '../../../../shared/schemas/marketing';
import type { OdooClient } from '../../odoo';
import { countAudience } from './count';
import { describeAudience, type AudienceSource } from './describe';

const SEGMENT_LABELS: Record<string, string> = {
  all: 'Everyone on the list',
  buyers: 'Buyers',
  subscribers: 'Newsletter sign-ups',
  opened_last_campaign: 'Opened the last campaign',
};

/**
 * The audience a campaign answer carries. Once the mailing is sending or sent, who it reached is
 * history (`sentRecipients`, from its traces) and no count is asked; before, Odoo counts it live.
 */
export async function audienceOf(
  odoo: OdooClient,
  m: AudienceSource & { total: number; state: string },
  sentRecipients: number,
): Promise<z.infer<typeof CampaignAudience>> {
  const audience = describeAudience(m);
  const live = m.state === 'draft' || m.state === 'in_queue';
  const recipients = live ? await countAudience(odoo, m) : sentRecipients;
  const label = audience.kind === 'built'
    ? 'Built segment'
    : audience.segment === null
    ? 'Custom audience (set in Odoo)'
    : audience.segment.startsWith('tag:') ? `Has the tag “${audience.segment.slice(4)}”` : (SEGMENT_LABELS[audience.segment] ?? audience.segment);
  return { kind: audience.kind, segment: audience.segment, label, list_ids: audience.listIds, domain: audience.domain, recipients, version: audience.version, rule: audience.kind === 'built' ? audience.rule : null };
}
