const ADDRESS = /<([^<>\s]+@[^<>\s]+)>\s*$/;
const BARE = /^[^@\s<>,;"]+@[^@\s<>,;"]+$/;

/**
 * Odoo's email_normalize (odoo/tools/mail.py): the bare address of "Name <addr>" or "addr", false
 * when there is no valid address (odoo18-wire/057: email stored as given, email_normalized bare).
 * The domain is lower-cased; the local part only when it is ASCII ("if local part is ascii:
 * normalize still 'lower'; else: use as it, SMTP-UTF8 is made for non-ascii local parts").
 */
export function normalizeEmail(email: unknown): string | null {
  if (typeof email !== 'string') return null;
  const trimmed = email.trim();
  const inner = ADDRESS.exec(trimmed)?.[1] ?? trimmed;
  if (!BARE.test(inner)) return null;
  const at = inner.lastIndexOf('@');
  const local = inner.slice(0, at);
  // eslint-disable-next-line no-control-regex
  return `${/^[\x00-\x7f]*$/.test(local) ? local.toLowerCase() : local}@${inner.slice(at + 1).toLowerCase()}`;
}
