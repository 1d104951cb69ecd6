/**
 * Tags the console itself puts on contacts so Odoo can tell whose they are and how they came in
 * (the newsletter extension's defaults: `markket_store_<store id>` and `newsletter`). They are not
 * the subscriber's own tags: lists and filters leave them out, and Odoo keeps them.
 */
export function isSystemTag(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return lower.startsWith('markket_store_') || lower === 'newsletter';
}

/** The subscriber's own tags, in the order Odoo gave them. */
export function ownTags(names: readonly string[]): string[] {
  return names.filter((name) => !isSystemTag(name));
}
