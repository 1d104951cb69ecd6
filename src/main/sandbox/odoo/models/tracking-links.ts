import type { Env } from '../orm/env';
import type { ModelSpec } from '../orm/model';
import type { Rec } from '../orm/types';
import { create } from '../orm/crud';
import { recordedFields } from '../schema';

const CODE_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function linkTrackerModels(): ModelSpec[] {
  return [
    {
      name: 'link.tracker',
      description: 'Link Tracker',
      order: 'count desc, id desc',
      recName: 'short_url',
      indexed: ['code', 'url'],
      fields: recordedFields('link.tracker').map((f) =>
        f.name === 'link_click_ids' ? { ...f, inverse: 'link_id' } : f.name === 'code' ? { ...f, store: true } : f.name === 'redirected_url' || f.name === 'short_url' ? { ...f, store: false } : f,
      ),
      displayName: (env, rec) => shortUrl(env, rec),
      computes: {
        short_url: (env, rec) => shortUrl(env, rec),
        absolute_url: (_env, rec) => rec.url as string,
        short_url_host: (env) => `${env.services.baseUrl()}/r/`,
        count: (env, rec) => env.store('link.tracker.click').lookup('link_id', rec.id)?.size ?? 0,
        redirected_url: (env, rec) => redirectedUrl(env, rec),
      },
    },
    {
      name: 'link.tracker.click',
      description: 'Link Tracker Click',
      order: 'id asc',
      fields: recordedFields('link.tracker.click'),
      displayName: (env, rec) => `${env.browse('link.tracker', rec.link_id as number)?.url ?? ''}`,
    },
  ];
}

function shortUrl(env: Env, rec: Rec): string {
  return `${env.services.baseUrl()}/r/${String(rec.code)}`;
}

/** The target with utm_* parameters, as Odoo redirects to it (odoo18-wire/121, 129). */
export function redirectedUrl(env: Env, rec: Rec): string {
  const url = new URL(String(rec.url));
  const source = env.browse('utm.source', rec.source_id as number);
  const medium = env.browse('utm.medium', rec.medium_id as number);
  const campaign = env.browse('utm.campaign', rec.campaign_id as number);
  const params: [string, string][] = [];
  if (campaign) params.push(['utm_campaign', String(campaign.name)]);
  if (source) params.push(['utm_source', String(source.name)]);
  if (medium) params.push(['utm_medium', String(medium.name)]);
  const rest = [...url.searchParams.entries()].filter(([k]) => !k.startsWith('utm_'));
  const query = [...params, ...rest].map(([k, v]) => `${encodeURIComponent(k).replace(/%20/g, '+')}=${encodeURIComponent(v).replace(/%20/g, '+').replace(/%28/g, '(').replace(/%29/g, ')')}`).join('&');
  return `${url.origin}${url.pathname}${query ? `?${query}` : ''}${url.hash}`;
}

/** One link.tracker per distinct URL of a mailing body, created when the mailing is sent. */
export function ensureLinkTracker(env: Env, mailing: Rec, url: string, label: string | null): Rec {
  const store = env.store('link.tracker');
  for (const id of store.lookup('url', url) ?? []) {
    const rec = store.records.get(id) as Rec;
    if (rec.mass_mailing_id === mailing.id) return rec;
  }
  let code = '';
  do {
    code = Array.from({ length: 3 }, () => CODE_CHARS[Math.floor(env.services.random() * CODE_CHARS.length)]).join('');
  } while (store.lookup('code', code)?.size);
  const id = create(env, 'link.tracker', [
    {
      url,
      code,
      title: label ?? url,
      label: label ?? false,
      mass_mailing_id: mailing.id,
      campaign_id: mailing.campaign_id ?? false,
      source_id: mailing.source_id ?? false,
      medium_id: mailing.medium_id ?? false,
    },
  ])[0] as number;
  return store.records.get(id) as Rec;
}

const ANCHOR = /<a\s[^>]*href="(https?:\/\/[^"]+)"[^>]*>([\s\S]*?)<\/a>/gi;

export function linksOf(html: string): { url: string; label: string | null }[] {
  const out: { url: string; label: string | null }[] = [];
  for (const m of html.matchAll(ANCHOR)) {
    const url = (m[1] as string).replace(/&amp;/g, '&');
    if (url.includes('/unsubscribe') || out.some((l) => l.url === url)) continue;
    const label = (m[2] as string).replace(/<[^>]+>/g, '').trim();
    out.push({ url, label: label || null });
  }
  return out;
}
