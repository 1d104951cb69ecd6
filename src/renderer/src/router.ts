import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: the app has a handful of screens and runs both from a file/custom protocol
 * (Electron) and from the loopback host, where the hash is the only URL part we own. Routes look
 * like `#/campaigns/camp_123`. Anything else in the hash (e.g. `#token=…` in browser mode, read by
 * the API client at start-up) means the default screen.
 */
export type Route =
  | { name: 'overview' }
  | { name: 'campaigns' }
  | { name: 'campaign-new'; duplicateOf?: string }
  | { name: 'campaign-stats'; campaignId: string }
  | { name: 'subscribers'; import?: boolean }
  | { name: 'settings' }
  | { name: 'welcome' };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  if (!raw.startsWith('/')) return { name: 'overview' };
  const [pathPart = '', queryPart = ''] = raw.slice(1).split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(queryPart);
  const [first, second] = parts;
  switch (first) {
    case 'campaigns':
      if (second === 'new') {
        const duplicateOf = query.get('duplicate');
        return duplicateOf ? { name: 'campaign-new', duplicateOf } : { name: 'campaign-new' };
      }
      if (second) return { name: 'campaign-stats', campaignId: second };
      return { name: 'campaigns' };
    case 'subscribers':
      return query.get('import') === '1' ? { name: 'subscribers', import: true } : { name: 'subscribers' };
    case 'settings':
      return { name: 'settings' };
    case 'welcome':
      return { name: 'welcome' };
    default:
      return { name: 'overview' };
  }
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'overview':
      return '#/overview';
    case 'campaigns':
      return '#/campaigns';
    case 'campaign-new':
      return route.duplicateOf ? `#/campaigns/new?duplicate=${encodeURIComponent(route.duplicateOf)}` : '#/campaigns/new';
    case 'campaign-stats':
      return `#/campaigns/${encodeURIComponent(route.campaignId)}`;
    case 'subscribers':
      return route.import ? '#/subscribers?import=1' : '#/subscribers';
    case 'settings':
      return '#/settings';
    case 'welcome':
      return '#/welcome';
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function getHash(): string {
  return window.location.hash;
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  return parseRoute(hash);
}
