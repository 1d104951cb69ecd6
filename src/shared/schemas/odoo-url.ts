import { z } from 'zod';

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * An Odoo API key travels with every call, so it may go over plain http:// only to this computer
 * (a local Odoo or a tunnel); everywhere else the address must be https://.
 */
export function keySafeOdooUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname));
  } catch {
    return false;
  }
}

export const KEY_SAFE_URL_PROBLEM =
  'must start with https:// (plain http:// only for this computer: localhost, 127.x.x.x or [::1]), so the API key never travels unencrypted';

/** What a user may enter as an Odoo address (profiles and extensions alike). */
export const OdooUrlInput = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
  .max(2048)
  .refine(keySafeOdooUrl, KEY_SAFE_URL_PROBLEM);
