import type { SubscriberStatus } from '../../../shared/schemas/export';

/** The subscriber browser's filters an export was made under. */
export interface ExportFilters {
  segment?: string | undefined;
  search?: string | undefined;
  tag?: string | undefined;
  status?: SubscriberStatus | undefined;
}

const STATUS_WORDS: Record<SubscriberStatus, string> = { active: 'subscribed', opted_out: 'opted out', blacklisted: 'blacklisted', bounced: 'bounced' };
const SEGMENT_WORDS: Record<string, string> = { buyers: 'buyers', subscribers: 'subscribers who never bought', opened_last_campaign: 'opened the last campaign' };

function segmentWords(segment: string): string | null {
  if (segment === 'all') return null;
  if (segment.startsWith('tag:')) return `tag “${segment.slice(4)}”`;
  if (segment.startsWith('saved:')) return `saved segment ${segment.slice(6)}`;
  return SEGMENT_WORDS[segment] ?? segment;
}

/**
 * The filters in words, for a report's title and sheet ("tag “VIP”, opted out"). A search's text can
 * be a person's name, so a HIPAA profile's report says only that a search was applied.
 */
export function filterWords(filters: ExportFilters, hipaa: boolean): string[] {
  const words: string[] = [];
  const segment = filters.segment ? segmentWords(filters.segment) : null;
  if (segment) words.push(segment);
  if (filters.tag) words.push(`tag “${filters.tag}”`);
  if (filters.status) words.push(STATUS_WORDS[filters.status]);
  if (filters.search) words.push(hipaa ? 'a search' : `search “${filters.search}”`);
  return words;
}

/** "Subscriber report" or "Subscriber report (filtered: tag “VIP”, opted out)". */
export function reportTitle(what: string, filters: ExportFilters, hipaa: boolean): string {
  const words = filterWords(filters, hipaa);
  return words.length === 0 ? what : `${what} (filtered: ${words.join(', ')})`;
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/**
 * A download's file name (before the date). It lands in the browser's download list and the OS's
 * recent files, where a list or campaign name ("Dr. Lee's diabetes patients") or a tag says who is
 * in it: a HIPAA profile's exports are named by ids and the date only, and a filtered one says just
 * "filtered". Elsewhere the name carries the tag, status and segment, but never a search's text (a name).
 */
export function exportBaseName(kind: 'subscribers' | 'recipients', named: { id: number | string; name: string }, hipaa: boolean, filters: ExportFilters = {}): string {
  const filtered = filterWords(filters, true).length > 0;
  if (hipaa) return `${kind}-${kind === 'subscribers' ? 'list' : 'campaign'}-${String(named.id).replace(/[^A-Za-z0-9]+/g, '')}${filtered ? '-filtered' : ''}`;
  const parts = [kind, slug(named.name) || 'export'];
  if (filtered) {
    parts.push('filtered');
    const segment = filters.segment ? segmentWords(filters.segment) : null;
    for (const word of [segment, filters.tag ? `tag ${filters.tag}` : null, filters.status ? STATUS_WORDS[filters.status] : null, filters.search ? 'search' : null]) {
      if (word) parts.push(slug(word));
    }
  }
  return parts.filter(Boolean).join('-').slice(0, 120).replace(/-$/, '');
}
