/**
 * Email addresses as a mailing list needs them. Odoo keeps `email` as given ("Name <addr>") and
 * `email_normalized` as the bare address (odoo18-wire/057); we dedupe on the latter.
 *
 * Internationalised addresses are accepted as Odoo accepts them (odoo/tools/mail.py,
 * email_normalize): a Unicode domain (IDNA, `frank@exämple.com`) and a Unicode local part
 * (SMTPUTF8, `müller@example.de`). Like Odoo, the domain is lower-cased, and the local part only
 * when it is ASCII: a non-ASCII local part is kept as written, since SMTPUTF8 makes no promise
 * that its case does not matter.
 */
const LOCAL = /^[\p{L}\p{N}\p{M}.!#$%&'*+/=?^_`{|}~-]+$/u;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/u;

const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

export function normalizeEmail(raw: string): string | null {
  const trimmed = raw.trim();
  const bracketed = /<([^<>]+)>\s*$/.exec(trimmed);
  const address = (bracketed ? bracketed[1]! : trimmed).trim();
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.length > 254) return null;
  const rawLocal = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  const local = isAscii(rawLocal) ? rawLocal.toLowerCase() : rawLocal;
  if (local.length > 64 || !LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  return `${local}@${domain}`;
}
