/**
 * The one place that decides which images the console's pages may load (issue 18). Used by the
 * content security policies (desktop window and browser mode), by every preview in the renderer
 * (the email editor's, SendGrid template previews and thumbnails) and by the main process, which
 * alone fetches an image when a HIPAA profile's user asks for it.
 *
 * In HIPAA mode a remote image in an email is a tracking pixel on the clinic's own staff: nothing
 * remote loads until the person clicks "Load images", and even then only from the profile's own
 * Odoo, fetched by the main process and handed to the page as a data: URL.
 */

/** The CSP img-src of the console's pages: https images anywhere, or (HIPAA) only the console's own and data:/blob: ones. */
export function imageSourcesDirective(hipaa: boolean, extraOrigin = ''): string {
  return hipaa ? `'self'${extraOrigin} data: blob:` : `'self'${extraOrigin} data: https:`;
}

/** A grey picture frame drawn in place of an image that was not loaded. */
export const IMAGE_PLACEHOLDER =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180"><rect width="320" height="180" fill="#f1f3f5"/><rect x="130" y="62" width="60" height="44" rx="4" fill="none" stroke="#adb5bd" stroke-width="3"/><circle cx="146" cy="76" r="5" fill="#adb5bd"/><path d="M134 102l16-16 10 10 8-8 18 14z" fill="#adb5bd"/><text x="160" y="134" font-family="sans-serif" font-size="12" text-anchor="middle" fill="#868e96">Image not loaded</text></svg>',
  );

/** An image the page would fetch from elsewhere: an http(s) address, protocol-relative, or an Odoo upload (/web/image/…). */
export function isRemoteImageSource(src: string): boolean {
  const s = src.trim();
  return /^(https?:)?\/\//i.test(s) || /^\/web\/(image|content)\//i.test(s);
}

const IMG_TAG = /<img\b[^>]*>/gi;
const SRC_ATTR = /\ssrc\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i;
const SRCSET_ATTR = /\ssrcset\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;
const BACKGROUND_ATTR = /\sbackground\s*=\s*("(?:https?:)?\/\/[^"]*"|'(?:https?:)?\/\/[^']*')/gi;
const CSS_REMOTE_URL = /url\(\s*(["']?)(?:https?:)?\/\/[^)]*\1\s*\)/gi;

const unescapeAttr = (v: string) => v.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * The email's HTML with every remote image replaced by the placeholder (its address kept in
 * data-markket-src), srcsets dropped, and remote backgrounds removed, plus the addresses withheld.
 */
export function withholdRemoteImages(html: string): { html: string; withheld: string[] } {
  const withheld: string[] = [];
  const out = html
    .replace(IMG_TAG, (tag) => {
      const match = SRC_ATTR.exec(tag);
      const src = match ? unescapeAttr(match[2] ?? match[3] ?? match[4] ?? '') : '';
      const cleaned = tag.replace(SRCSET_ATTR, '');
      if (!match || !isRemoteImageSource(src)) return cleaned;
      if (!withheld.includes(src)) withheld.push(src);
      return cleaned.replace(SRC_ATTR, ` src="${IMAGE_PLACEHOLDER}" data-markket-src="${escapeAttr(src)}"`);
    })
    .replace(BACKGROUND_ATTR, '')
    .replace(CSS_REMOTE_URL, 'none');
  return { html: out, withheld };
}

/** Puts the images the main process loaded (address → data: URL) back in place of their placeholders. */
export function restoreImages(html: string, loaded: Readonly<Record<string, string>>): string {
  return html.replace(IMG_TAG, (tag) => {
    const original = /\sdata-markket-src="([^"]*)"/.exec(tag);
    const data = original ? loaded[unescapeAttr(original[1] ?? '')] : undefined;
    if (!data || !data.startsWith('data:image/')) return tag;
    return tag.replace(SRC_ATTR, ` src="${escapeAttr(data)}"`);
  });
}

/**
 * Where the main process may fetch an image from for a HIPAA profile: the profile's own Odoo only
 * (same scheme, host and port), with an Odoo upload's relative address resolved against it. Null
 * for anything else, which stays a placeholder.
 */
export function odooImageUrl(src: string, odooUrl: string): URL | null {
  try {
    const odoo = new URL(odooUrl);
    const url = new URL(src.trim().startsWith('//') ? `${odoo.protocol}${src.trim()}` : src.trim(), odoo);
    if (url.origin !== odoo.origin || url.username !== '' || url.password !== '') return null;
    return url;
  } catch {
    return null;
  }
}
