const ADDRESS = /<([^<>\s]+@[^<>\s]+)>\s*$/;
const BARE = /^[^@\s<>,;"]+@[^@\s<>,;"]+$/;

/**
 * Odoo's email_normalize: the bare lower-case address of "Name <addr>" or "addr", false when
 * there is no valid address (odoo18-wire/057: email stored as given, email_normalized bare).
 */
export function normalizeEmail(email: unknown): string | null {
  if (typeof email !== 'string') return null;
  const trimmed = email.trim();
  const inner = ADDRESS.exec(trimmed)?.[1] ?? trimmed;
  return BARE.test(inner) ? inner.toLowerCase() : null;
}
