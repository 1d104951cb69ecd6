import { createContext, useEffect, useState, useSyncExternalStore } from 'react';

/**
 * A tiny hash router: the app has a handful of screens and runs both from a file/custom protocol
 * (Electron) and from the loopback host, where the hash is the only URL part we own. Routes look
 * like `#/campaigns/camp_123`. Anything else in the hash (e.g. `#token=…` in browser mode, read by
 * the API client at start-up) means the default screen.
 */
/** The Settings tabs a link can open directly, e.g. `#/settings?tab=odoo` for Odoo setup. */
export const SETTINGS_TABS = ['general', 'odoo', 'extensions', 'sendgrid', 'security'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];
export function isSettingsTab(value: unknown): value is SettingsTab {
  return typeof value === 'string' && (SETTINGS_TABS as readonly string[]).includes(value);
}

export type Route =
  | { name: 'overview' }
  | { name: 'campaigns' }
  | { name: 'campaign-calendar'; view?: 'month' | 'week'; date?: string }
  | { name: 'campaign-new'; draftId?: string }
  | { name: 'campaign-edit'; campaignId: string }
  | { name: 'campaign-stats'; campaignId: string }
  | { name: 'subscribers'; import?: boolean }
  | { name: 'segments' }
  | { name: 'settings'; tab?: SettingsTab }
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
        const draftId = query.get('draft');
        return draftId ? { name: 'campaign-new', draftId } : { name: 'campaign-new' };
      }
      if (second === 'calendar') {
        const view = query.get('view');
        const date = query.get('date');
        return { name: 'campaign-calendar', ...(view === 'month' || view === 'week' ? { view } : {}), ...(date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {}) };
      }
      if (second && parts[2] === 'edit') return { name: 'campaign-edit', campaignId: second };
      if (second) return { name: 'campaign-stats', campaignId: second };
      return { name: 'campaigns' };
    case 'subscribers':
      return query.get('import') === '1' ? { name: 'subscribers', import: true } : { name: 'subscribers' };
    case 'segments':
      return { name: 'segments' };
    case 'settings': {
      const tab = query.get('tab');
      return isSettingsTab(tab) ? { name: 'settings', tab } : { name: 'settings' };
    }
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
    case 'campaign-calendar': {
      const query = new URLSearchParams({ ...(route.view ? { view: route.view } : {}), ...(route.date ? { date: route.date } : {}) }).toString();
      return query ? `#/campaigns/calendar?${query}` : '#/campaigns/calendar';
    }
    case 'campaign-new':
      return route.draftId ? `#/campaigns/new?draft=${encodeURIComponent(route.draftId)}` : '#/campaigns/new';
    case 'campaign-edit':
      return `#/campaigns/${encodeURIComponent(route.campaignId)}/edit`;
    case 'campaign-stats':
      return `#/campaigns/${encodeURIComponent(route.campaignId)}`;
    case 'subscribers':
      return route.import ? '#/subscribers?import=1' : '#/subscribers';
    case 'segments':
      return '#/segments';
    case 'settings':
      return route.tab ? `#/settings?tab=${route.tab}` : '#/settings';
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

/**
 * Counts real navigations (hashchange events). Screens keyed by it start fresh when the user
 * navigates to them again, but not when a screen rewrites its own address with replaceState.
 */
export function useNavigationCount(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const onChange = () => setCount((c) => c + 1);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return count;
}

/**
 * The navigation count, handed to the views: a view's heading takes focus when it changes, and
 * not on the first screen after start-up (focus stays where the browser put it).
 */
export const NavigationVisit = createContext(0);
