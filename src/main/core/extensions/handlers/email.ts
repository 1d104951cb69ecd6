/**
 * Email addresses as a mailing list needs them. Odoo keeps `email` as given ("Name <addr>") and
 * `email_normalized` as the bare lower-case address (odoo18-wire/057); we dedupe on the latter.
 */
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normalizeEmail(raw: string): string | null {
  const trimmed = raw.trim();
  const bracketed = /<([^<>]+)>\s*$/.exec(trimmed);
  const address = (bracketed ? bracketed[1]! : trimmed).trim().toLowerCase();
  if (address.length > 254 || !ADDRESS.test(address)) return null;
  const [local] = address.split('@');
  if (!local || local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  return address;
}
