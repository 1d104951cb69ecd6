import { irModelId } from './models/mailing';
import { seededRandom, type PeerEnv } from './index';
import { create } from './orm/crud';
import type { Rec } from './orm/types';
import { formatDatetime } from './orm/values';

export interface EngagedCampaignOptions {
  /** The list the campaign went to; its contacts receive the mails in turn (again from the first when there are fewer). */
  listId: number;
  campaignId: string;
  mails: number;
  /** Share of the mails opened, and clicked (a click opens too); bounces are 1 %. */
  openRate: number;
  clickRate: number;
  sentAt: Date;
  seed?: number;
}

const HOUR = 3_600_000;

/**
 * A sent campaign with its traces, as Odoo's mailing queue and tracking routes would have left them
 * (the demo seed's shape): opens within hours of the send, fewer each hour, a click after its open,
 * one link.tracker.click per click. Written straight into the peer's tables, so benchmarks and tests
 * can make a 50,000-mail campaign in a moment.
 */
export function addEngagedCampaign(peerEnv: PeerEnv, options: EngagedCampaignOptions): number {
  const env = peerEnv.as();
  const random = seededRandom(options.seed ?? 42);
  const contacts = [...env.store('mailing.subscription').records.values()].filter((s) => s.list_id === options.listId).map((s) => s.contact_id as number);
  if (contacts.length === 0) throw new Error(`list ${options.listId} has no contacts`);
  const sent = formatDatetime(options.sentAt);
  const [mailingId] = create(env, 'mailing.mailing', [{
    subject: `Engaged campaign ${options.campaignId}`, body_html: '<p>Hello</p>', mailing_model_id: irModelId(env, 'mailing.list'),
    contact_list_ids: [[6, 0, [options.listId]]], x_markket_campaign_id: options.campaignId,
  }]) as [number];
  const mailing = env.browse('mailing.mailing', mailingId) as Rec;
  env.store('mailing.mailing').update(mailing, { state: 'done', sent_date: sent, kpi_mail_required: true });
  const links = [0, 1, 2].map((i) => create(env, 'link.tracker', [{ url: `https://store-a.example.com/collections/${i}?from=newsletter`, code: `e${mailingId}x${i}`, mass_mailing_id: mailingId }])[0] as number);
  const traces = env.store('mailing.trace');
  const clicks = env.store('link.tracker.click');
  const at = (hours: number) => formatDatetime(new Date(options.sentAt.getTime() + hours * HOUR));
  for (let i = 0; i < options.mails; i++) {
    const contactId = contacts[i % contacts.length] as number;
    const contact = env.browse('mailing.contact', contactId) as Rec;
    const bounced = random() < 0.01;
    const opened = !bounced && random() < options.openRate;
    const clicked = opened && random() < options.clickRate / options.openRate;
    const openedAfter = opened ? Math.min(72, 0.2 + -Math.log(1 - random()) * 9) : 0;
    const trace = traces.insert({
      id: traces.nextId, trace_type: 'mail', trace_status: bounced ? 'bounce' : opened ? 'open' : 'sent',
      failure_type: bounced ? 'mail_bounce' : null, failure_reason: bounced ? '550 5.1.1 user unknown' : null,
      email: (contact.email_normalized as string | null) ?? `reader${i}@example.org`, model: 'mailing.contact', res_id: contactId,
      mass_mailing_id: mailingId, mail_mail_id: null, mail_mail_id_int: traces.nextId, sent_datetime: sent,
      open_datetime: opened ? at(openedAfter) : null, reply_datetime: null, links_click_datetime: clicked ? at(openedAfter + 0.05) : null,
      create_date: sent, write_date: sent, create_uid: env.uid, write_uid: env.uid,
    });
    if (clicked) clicks.insert({ id: clicks.nextId, link_id: links[i % links.length], mailing_trace_id: trace.id, mass_mailing_id: mailingId, ip: false, create_date: trace.links_click_datetime, write_date: sent, create_uid: env.uid, write_uid: env.uid });
  }
  return mailingId;
}
