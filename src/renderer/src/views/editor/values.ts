import type { OpInput, OpOutput } from '../../api/hooks';
import type { EmailDocument } from '../../../../shared/email';
import { isSavedSegment, segmentValue, type SegmentKind } from './AudienceFields';
import { isoToLocalPickerValue, localPickerValueToIso } from './schedule';
import type { FavoriteBody } from './email/FavoritePicker';

/** Everything the editor form holds, as the user typed it. */
export interface EditorValues {
  subject: string;
  previewText: string;
  emailFrom: string;
  templateId: string;
  listId: string | null;
  segment: SegmentKind;
  tag: string;
  when: 'now' | 'later';
  scheduleLocal: string | null;
  /** An email written in the console's editor (issue 11); when set it is the body, not the template. */
  document: EmailDocument | null;
  /** An Odoo favourite written in Odoo's editor, used as it is (its HTML becomes the body). */
  favorite: FavoriteBody | null;
  /** The audience Odoo holds when no segment names it (segment 'custom'): a local draft keeps it as it is. */
  kept: KeptAudience | null;
  /** The SendGrid template's campaign-wide values (`discount_code`, `ends_on`), by field name. */
  templateValues: Record<string, string>;
}

type KeptAudience = NonNullable<OpInput<'drafts.save'>['keptAudience']>;

export function emptyValues(firstListId: number | undefined): EditorValues {
  return { subject: '', previewText: '', emailFrom: '', templateId: '', listId: firstListId ? String(firstListId) : null, segment: 'all', tag: '', when: 'now', scheduleLocal: null, document: null, favorite: null, kept: null, templateValues: {} };
}

/** The contract's segment string back into the form's two fields. */
export function splitSegment(segment: string): { segment: SegmentKind; tag: string } {
  if (segment.startsWith('tag:')) return { segment: 'tag', tag: segment.slice(4) };
  if (isSavedSegment(segment)) return { segment, tag: '' };
  const known: SegmentKind[] = ['all', 'buyers', 'subscribers', 'opened_last_campaign'];
  return { segment: known.includes(segment as SegmentKind) ? (segment as SegmentKind) : 'all', tag: '' };
}

type CampaignDetail = OpOutput<'marketing.campaigns.get'>;

/** What an Odoo mailing and a local draft give the editor alike: subject, preview, sender, template, schedule. */
function sharedValues(s: { subject: string; previewText: string; emailFrom?: string | null | undefined; templateId: string | null | undefined; schedule: string | null }): Pick<EditorValues, 'subject' | 'previewText' | 'emailFrom' | 'templateId' | 'when' | 'scheduleLocal'> {
  return {
    subject: s.subject,
    previewText: s.previewText,
    emailFrom: s.emailFrom ?? '',
    templateId: s.templateId ?? '',
    when: s.schedule ? 'later' : 'now',
    scheduleLocal: isoToLocalPickerValue(s.schedule),
  };
}

/**
 * A draft that lives in Odoo, opened with everything Odoo holds: its list, its audience (a segment
 * the console names, or 'custom' for a domain it cannot, kept as it is), preview, sender, schedule.
 */
export function valuesFromCampaign(c: CampaignDetail, fallbackListId: number | undefined): EditorValues {
  const listId = c.audience.list_ids[0] ?? c.list_ids[0] ?? fallbackListId;
  return {
    ...emptyValues(fallbackListId),
    ...sharedValues({ subject: c.subject, previewText: c.preview_text, emailFrom: c.email_from, templateId: c.sendgrid_template_id, schedule: c.scheduled_for }),
    listId: listId ? String(listId) : null,
    ...(c.audience.segment === null ? { segment: 'custom' as const, tag: '' } : splitSegment(c.audience.segment)),
    kept: c.audience.segment === null && c.audience.list_ids.length > 0 && c.audience.domain ? { domain: c.audience.domain, listIds: c.audience.list_ids, label: c.audience.label, recipients: c.audience.recipients } : null,
  };
}

export function valuesFromDraft(d: { subject: string; previewText: string; emailFrom?: string | undefined; templateId: string | null; templateValues?: Record<string, string> | undefined; listId: number | null; segment: string; keptAudience?: KeptAudience | undefined; schedule: string | null; document?: EmailDocument | undefined; body?: string | undefined }, fallbackListId: number | undefined): EditorValues {
  const kept = d.keptAudience ?? null;
  return {
    ...emptyValues(fallbackListId),
    ...sharedValues(d),
    listId: kept ? String(kept.listIds[0]) : d.listId ? String(d.listId) : fallbackListId ? String(fallbackListId) : null,
    ...(kept ? { segment: 'custom' as const, tag: '' } : splitSegment(d.segment)),
    kept,
    templateValues: d.templateValues ?? {},
    document: d.document ?? null,
    // No template and no document: the body the draft keeps came from an Odoo favourite.
    favorite: !d.templateId && !d.document && d.body ? { id: null, subject: '', html: d.body } : null,
  };
}

export function scheduleOf(v: EditorValues): string | null {
  return v.when === 'later' ? localPickerValueToIso(v.scheduleLocal) : null;
}

/**
 * A segment the contract accepts, or 'all' while the tag is still empty. A custom audience has no
 * segment: an Odoo draft never writes it (toUpdateInput leaves it out) and a local draft keeps it
 * as `keptAudience` (toDraftInput).
 */
export function segmentOf(v: EditorValues): string {
  if (v.segment === 'custom') throw new Error('A custom audience is kept in Odoo as it is and has no segment to write.');
  return v.segment === 'tag' && v.tag.trim() === '' ? 'all' : segmentValue(v.segment, v.tag);
}

export type EditorErrors = Partial<Record<'subject' | 'template' | 'list' | 'tag' | 'schedule', string>> & { values?: Record<string, string> };

/** Each campaign-wide value the template asks for must be filled; braces would read as another template field. */
export function templateValueErrors(names: readonly string[], values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const name of names) {
    const value = values[name] ?? '';
    if (value.trim() === '') errors[name] = `Fill '${name}': every subscriber gets the same value`;
    else if (/\{\{|\}\}/.test(value)) errors[name] = 'May not contain {{ or }}';
  }
  return errors;
}

/** What must be right before the campaign can go to review; drafts save whatever state they are in. */
export function validateForSend(v: EditorValues, now: Date, valueNames: readonly string[] = []): EditorErrors {
  const schedule = scheduleOf(v);
  const errors: EditorErrors = {};
  const subject = v.subject.trim();
  if (subject === '') errors.subject = 'A subject is required';
  else if (subject.length > 255) errors.subject = 'At most 255 characters';
  if (v.templateId.trim() === '' && !v.document && !v.favorite) errors.template = 'Pick the SendGrid template to send, or write the email';
  if (!v.listId) errors.list = 'Pick a list';
  if (v.segment === 'tag' && v.tag.trim() === '') errors.tag = 'Name the tag';
  if (v.when === 'later' && !schedule) errors.schedule = 'Pick a date and time';
  else if (schedule && new Date(schedule) <= now) errors.schedule = 'Pick a time in the future';
  const values = usesTemplate(v) ? templateValueErrors(valueNames, v.templateValues) : {};
  if (Object.keys(values).length > 0) errors.values = values;
  return errors;
}

const usesTemplate = (v: EditorValues): boolean => !v.document && !v.favorite && v.templateId.trim() !== '';
const hasValues = (v: EditorValues): boolean => Object.keys(v.templateValues).length > 0;

/** The local draft as drafts.save wants it (Odoo's body comes from the template when it is known). */
export function toDraftInput(storeId: string, v: EditorValues, body: string | undefined): OpInput<'drafts.save'> {
  return {
    storeId,
    subject: v.subject.slice(0, 255),
    previewText: v.previewText.slice(0, 255),
    // Empty is left out: an absent sender reopens as empty, and Odoo keeps its default.
    ...(v.emailFrom ? { emailFrom: v.emailFrom.slice(0, 255) } : {}),
    templateId: v.document || v.favorite ? null : v.templateId.trim() || null,
    ...(v.document ? { document: v.document } : {}),
    ...(usesTemplate(v) && hasValues(v) ? { templateValues: v.templateValues } : {}),
    listId: v.listId ? Number(v.listId) : null,
    // The audience Odoo holds, kept as it is; any segment picked instead replaces it.
    ...(v.segment === 'custom' && v.kept ? { segment: 'all' as const, keptAudience: v.kept } : { segment: segmentOf(v) }),
    schedule: scheduleOf(v),
    // A favourite's HTML is the body itself; otherwise the template's rendering, when known.
    ...(v.favorite ? { body: v.favorite.html } : body !== undefined ? { body } : {}),
  };
}

/**
 * What the person changed, as marketing.campaigns.update wants it. Only fields that differ from what
 * the editor opened with are written: the form cannot know every audience Odoo can hold, so writing
 * its defaults back would widen a mailing's audience or blank its preview (issue 10).
 */
export function toUpdateInput(storeId: string, campaignId: string, v: EditorValues, initial: EditorValues, baseAudience?: string): OpInput<'marketing.campaigns.update'> {
  const changed = <K extends keyof EditorValues>(key: K) => v[key] !== initial[key];
  // A custom audience (set in Odoo) stays as Odoo holds it: only picking a segment replaces it.
  const custom = v.segment === 'custom';
  const audienceChanged = !custom && (changed('segment') || changed('tag'));
  const listChanged = !custom && changed('listId') && v.listId !== null;
  const schedule = scheduleOf(v);
  return {
    storeId,
    campaignId,
    ...(changed('subject') && v.subject.trim() ? { subject: v.subject.trim() } : {}),
    ...(changed('previewText') ? { preview_text: v.previewText.trim() } : {}),
    ...(changed('emailFrom') && v.emailFrom.trim() ? { email_from: v.emailFrom.trim() } : {}),
    // An email written here is saved by marketing.campaigns.body.save, not re-rendered from a template.
    ...(changed('templateId') && v.templateId.trim() && !v.document && !v.favorite ? { sendgrid_template_id: v.templateId.trim() } : {}),
    // Only when typed here: values Odoo already holds are not written again.
    ...(usesTemplate(v) && JSON.stringify(v.templateValues) !== JSON.stringify(initial.templateValues) ? { template_values: v.templateValues } : {}),
    ...(listChanged ? { list_id: Number(v.listId) } : {}),
    // A new list needs its segment too: the server refuses to guess one.
    ...(audienceChanged || listChanged ? { segment: segmentOf(v), ...(baseAudience ? { base_audience: baseAudience } : {}) } : {}),
    ...(schedule !== scheduleOf(initial) ? { schedule } : {}),
  };
}
