import { z } from 'zod';
import { CAMPAIGN_FIELD, TEMPLATE_FIELD } from './mailings';
import { readStoredDocument } from '../email/stored-body';

/**
 * "What kind of body does this mailing have, and is it the person's own?" — one small question the
 * pre-send check asks before anything goes out. A body the person did not write (empty, the
 * console's stand-in, or still the template of another campaign) must never reach subscribers
 * (issue 10: a "Buyers thank-you" went out reading "VIP early access").
 *
 * Kinds are recognised by readers, tried in order; the first that knows the body answers. A new way
 * of writing bodies (the block editor, whose document lives in body_arch and whose HTML goes to
 * body_html) adds its reader at the front of BODY_READERS and needs nothing else here.
 */

const text = z.union([z.string(), z.literal(false)]).transform((v) => (v === false ? '' : v));
const optionalText = z.union([z.string(), z.literal(false)]).optional().transform((v) => (v ? v : ''));

/** The fields a reader may look at (all read in the pre-send check's one mailing read). */
export const BodyRecord = z.object({
  subject: z.union([z.string(), z.literal(false), z.null()]).transform((v) => v || ''),
  body_html: text,
  body_arch: optionalText,
  [CAMPAIGN_FIELD]: z.union([z.string(), z.literal(false), z.null()]).transform((v) => v || null),
  [TEMPLATE_FIELD]: z.union([z.string(), z.literal(false), z.null()]).transform((v) => v || null),
});
export type BodyRecord = z.infer<typeof BodyRecord>;
export const BODY_FIELDS = ['subject', 'body_html', 'body_arch', CAMPAIGN_FIELD, TEMPLATE_FIELD] as const;

/** 'html': anything written on purpose (a SendGrid template's rendering, Odoo's editor, an API). */
export type BodyKind = 'empty' | 'placeholder' | 'foreign' | 'html' | 'document' | (string & {});

export interface BodyVerdict {
  kind: BodyKind;
  /** Written (or chosen) by the person for this campaign: only such a body may be sent. */
  own: boolean;
  /** Why it is not theirs, in a sentence a store owner can act on (absent when own). */
  problem?: string;
}

/** A reader recognises one kind of body, or answers null to let the next one try. */
export type BodyReader = (m: BodyRecord) => BodyVerdict | null;

/**
 * The console's stand-in body, written when a campaign is created without SendGrid so Odoo has a
 * non-empty body: `data-markket-placeholder` now, `data-markket-template` on drafts made before
 * (see placeholderBody in campaigns.ts).
 */
const PLACEHOLDER = /<[^>]+\bdata-markket-(?:placeholder|template)\s*=\s*["']([^"']*)["']/i;

const visibleText = (html: string): string => html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').trim();
const firstParagraph = (html: string): string => visibleText(/<p[^>]*>([\s\S]*?)<\/p>/i.exec(html)?.[1] ?? '');

const emptyReader: BodyReader = (m) =>
  !visibleText(m.body_html) && !/<img\b/i.test(m.body_html)
    ? { kind: 'empty', own: false, problem: 'The campaign has no content. Choose a template or write the email.' }
    : null;

const placeholderReader: BodyReader = (m) => {
  if (!PLACEHOLDER.test(m.body_html)) return null;
  const writtenFor = firstParagraph(m.body_html);
  // A stand-in still naming another subject came from another campaign (a duplicate, or a subject edited since).
  if (writtenFor && writtenFor !== m.subject.trim()) {
    return { kind: 'foreign', own: false, problem: `The email's content is still the one made for “${writtenFor}”, another campaign. Choose a template or write this campaign's email.` };
  }
  return { kind: 'placeholder', own: false, problem: 'The email has only a stand-in body (its subject and an unsubscribe link), not content you wrote. Choose a template or write the email.' };
};

/** Whatever else Odoo holds was written by someone on purpose: in Odoo's editor, by an API, or by an extension. */
const htmlReader: BodyReader = () => ({ kind: 'html', own: true });

/**
 * An email written in the console's editor (issue 11): its document sits on body_arch's wrapper
 * (core/email/stored-body.ts). Changed in Odoo's editor since, it is Odoo HTML written on purpose.
 */
const documentReader: BodyReader = (m) => {
  const stored = readStoredDocument(m.body_arch, m.body_html);
  if (!stored) return null;
  return stored.editedInOdoo ? { kind: 'html', own: true } : { kind: 'document', own: true };
};

export const BODY_READERS: readonly BodyReader[] = [documentReader, emptyReader, placeholderReader, htmlReader];

export function readBody(m: BodyRecord, readers: readonly BodyReader[] = BODY_READERS): BodyVerdict {
  for (const reader of readers) {
    const verdict = reader(m);
    if (verdict) return verdict;
  }
  return { kind: 'html', own: true };
}

const escapeAttribute = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The stand-in body (see PLACEHOLDER): valid for Odoo, never sendable. */
export function placeholderBody(subject: string, templateId: string): string {
  return `<div data-markket-placeholder="${escapeAttribute(templateId)}"><p>${escapeAttribute(subject)}</p>`
    + '<p style="font-size:12px"><a href="/unsubscribe_from_list">Unsubscribe</a></p></div>';
}
