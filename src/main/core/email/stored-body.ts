import { createHash } from 'node:crypto';
import { EmailDocument } from '../../../shared/email';
import { EMAIL_MARKER } from '../../../shared/email/render';

/**
 * Where the console keeps an email document in Odoo, and how it knows Odoo's editor changed the
 * email since.
 *
 * - body_html: the rendered fragment, what Odoo sends (rendered per recipient as QWeb).
 * - body_arch: the same fragment, so Odoo's own mailing editor (which edits body_arch and derives
 *   body_html from it) opens the real email; its wrapper carries the document (base64 JSON) and a
 *   fingerprint of the body_html it was rendered into. Odoo's is_body_empty is computed from
 *   body_arch (mass_mailing/models/mailing.py _compute_is_body_empty), so it must not be empty.
 *
 * A mailing edited in Odoo afterwards has a body_html that no longer matches the fingerprint (or
 * a body_arch without the document, when the editor rewrote the wrapper): the console then shows
 * Odoo's version and saves over it only when the person says so. No extra Odoo field is needed,
 * so an Odoo set up before this feature stores documents as it is.
 */

const DOC_ATTR = 'data-markket-document';
const PRINT_ATTR = 'data-markket-html';
const WRAPPER = new RegExp(`^<div ${EMAIL_MARKER}="1"`);

/** Whitespace-blind, so an Odoo that re-indents the HTML does not read as an edit. */
export function fingerprint(bodyHtml: string): string {
  return createHash('sha256').update(bodyHtml.replace(/\s+/g, '')).digest('hex').slice(0, 32);
}

export function bodyArchFor(bodyHtml: string, document: EmailDocument): string {
  const encoded = Buffer.from(JSON.stringify(document), 'utf8').toString('base64');
  if (!WRAPPER.test(bodyHtml)) throw new Error('bodyArchFor expects a fragment rendered by renderEmail');
  return bodyHtml.replace(WRAPPER, `<div ${EMAIL_MARKER}="1" ${DOC_ATTR}="${encoded}" ${PRINT_ATTR}="${fingerprint(bodyHtml)}"`);
}

export interface StoredDocument {
  document: EmailDocument;
  /** body_html is no longer the one the document was rendered into: someone edited it in Odoo. */
  editedInOdoo: boolean;
}

/** The document kept in body_arch, if any; a wrapper that does not parse counts as none. */
export function readStoredDocument(bodyArch: string, bodyHtml: string): StoredDocument | null {
  const wrapper = /^<div\b[^>]*>/.exec(bodyArch.trimStart())?.[0] ?? '';
  const encoded = new RegExp(`\\b${DOC_ATTR}="([A-Za-z0-9+/=]+)"`).exec(wrapper)?.[1];
  if (!encoded) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = EmailDocument.safeParse(json);
  if (!parsed.success) return null;
  const print = new RegExp(`\\b${PRINT_ATTR}="([0-9a-f]+)"`).exec(wrapper)?.[1];
  return { document: parsed.data, editedInOdoo: print !== fingerprint(bodyHtml) };
}

/**
 * The document of a body_arch read without its body_html (Odoo's action_fetch_favorites answers
 * body_arch only): bodyArchFor only added two attributes to the rendered fragment, so taking them
 * off gives back the HTML whose fingerprint the wrapper carries, unless Odoo's editor changed it.
 */
export function readArchDocument(bodyArch: string): StoredDocument | null {
  const html = withoutDocument(bodyArch);
  return readStoredDocument(bodyArch, html);
}

/** body_arch as plain HTML: the wrapper without the document and its fingerprint. */
export function withoutDocument(bodyArch: string): string {
  return bodyArch.replace(new RegExp(` ${DOC_ATTR}="[A-Za-z0-9+/=]*" ${PRINT_ATTR}="[0-9a-f]*"`), '');
}
