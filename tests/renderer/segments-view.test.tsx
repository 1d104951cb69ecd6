// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AppError } from '../../src/shared/errors';
import { SegmentsResult } from '../../src/shared/schemas/segments';
import { formatAsOf } from '../../src/renderer/src/components';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: api.call answers by operation name, as the host would.
// An answer is a value, an error the host raised, or `pending` (the host has not answered yet).
const host = vi.hoisted(() => ({ answers: new Map<string, unknown>(), asked: [] as string[], inputs: [] as [string, unknown][], pending: Symbol('pending') }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string, input?: unknown) => {
      host.asked.push(name);
      host.inputs.push([name, input]);
      if (!host.answers.has(name)) throw new Error(`unexpected op ${name}`);
      const answer = host.answers.get(name);
      if (answer === host.pending) return new Promise(() => undefined);
      if (answer instanceof Error) throw answer;
      return typeof answer === 'function' ? (answer as (given: unknown) => unknown)(input) : answer;
    },
  },
}));
const { SegmentsView } = await import('../../src/renderer/src/views/segments/SegmentsView');
const { AudienceFields } = await import('../../src/renderer/src/views/editor/AudienceFields');

const newsletter = { id: 3, name: 'Newsletter', contact_count: 1300, active_contacts: 1250, last_campaign: null, last_campaign_detail: null };
const wholesale = { id: 4, name: 'Wholesale', contact_count: 80, active_contacts: 75, last_campaign: null, last_campaign_detail: null };
const vip = { id: 5, name: 'VIP openers', list_id: 3, rule: { match: 'all', conditions: [{ type: 'tag', has: true, tag: 'vip' }, { type: 'activity', action: 'opened', days: 30 }] }, domain: "[('list_ids', 'in', [3])]", recipients: 42, saved_by: 'Ada' };
const elsewhere = { id: 6, name: 'Wholesale bounced', list_id: 4, rule: { match: 'all', conditions: [{ type: 'bounced' }] }, domain: "[('list_ids', 'in', [4])]", recipients: 7, saved_by: null };
const segments = (extra: Record<string, unknown> = {}) => SegmentsResult.parse({ segments: [vip, elsewhere], counted_at: '2026-12-05T10:00:00.000Z', ...extra });

function answer(ops: Record<string, unknown>): void {
  host.answers = new Map(Object.entries({ 'marketing.subscribers.tags': { tags: [] }, 'marketing.campaigns.list': { campaigns: [], total: 0 }, 'marketing.segments.count': host.pending, ...ops }));
}

afterEach(() => {
  cleanup();
  host.asked = [];
  host.inputs = [];
});

describe('the Segments view', () => {
  it('shows that it is loading while Odoo has not answered, with no empty or error state', async () => {
    answer({ 'marketing.lists': host.pending, 'marketing.segments.list': host.pending });
    renderWithProviders(<SegmentsView storeId="demo-store-a" />);
    await waitFor(() => expect(screen.getAllByRole('status', { name: 'Loading' })).toHaveLength(2));
    expect(screen.queryByText('No saved segment yet')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says what to do when the store has no list, and when nothing is saved yet', async () => {
    answer({ 'marketing.lists': { lists: [] }, 'marketing.segments.list': SegmentsResult.parse({ segments: [], counted_at: '2026-12-05T10:00:00.000Z' }) });
    renderWithProviders(<SegmentsView storeId="demo-store-a" />);
    expect(await screen.findByText('No mailing list yet')).toBeTruthy();
    expect(await screen.findByText('No saved segment yet')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Saved segments' })).toBeNull();
  });

  it('says why the saved segments did not load, keeps the builder usable, and loads them on "Try again"', async () => {
    answer({ 'marketing.lists': { lists: [newsletter] }, 'marketing.segments.list': new AppError('odoo.timeout', 'Odoo took too long to answer. Try again in a moment.') });
    renderWithProviders(<SegmentsView storeId="demo-store-a" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Odoo took too long to answer.');
    expect(screen.getByText('Could not load the saved segments')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Segment name' })).toBeTruthy();

    host.answers.set('marketing.segments.list', segments());
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    const table = await screen.findByRole('table', { name: 'Saved segments' });
    expect(screen.queryByRole('alert')).toBeNull();
    const row = within(table).getByText('VIP openers').closest('tr') as HTMLElement;
    expect(row.textContent).toContain('Newsletter · saved by Ada');
    expect(row.textContent).toContain("Has the tag vip and opened any of the store's campaigns in the last 30 days");
    expect(row.textContent).toContain('42');
  });

  it('says beside "in the last N days" that every campaign of the store counts, not only this list\'s', async () => {
    answer({ 'marketing.lists': { lists: [newsletter, wholesale] }, 'marketing.segments.list': segments() });
    renderWithProviders(<SegmentsView storeId="demo-store-a" />);
    const scope = 'Every campaign this store sent counts, whichever of its lists it went to.';
    fireEvent.click(await screen.findByRole('combobox', { name: 'Condition 1: kind' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Opened any campaign in the last…' }));
    const days = await screen.findByRole('textbox', { name: 'Condition 1: days' });
    expect(document.getElementById(days.getAttribute('aria-describedby') ?? '')?.textContent).toBe(scope);
    // A condition about one campaign names it, so it needs no such note.
    fireEvent.click(screen.getByRole('combobox', { name: 'Condition 1: kind' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Opened the campaign' }));
    await waitFor(() => expect(screen.queryByText(scope)).toBeNull());
  });

  it('offline, lists the segments and counts Odoo last gave, marked "as of" when', async () => {
    const asOf = new Date(Date.now() - 25 * 60_000).toISOString();
    answer({ 'marketing.lists': { lists: [newsletter], stale: true, as_of: asOf }, 'marketing.segments.list': segments({ stale: true, as_of: asOf }) });
    renderWithProviders(<SegmentsView storeId="demo-store-a" />);
    expect(await screen.findByRole('table', { name: 'Saved segments' })).toBeTruthy();
    expect(screen.getByTestId('stale-badge').textContent).toBe(`Offline · as of ${formatAsOf(asOf, new Date())}`);
  });
});

describe("the editor's saved-segment picker", () => {
  const fields = (segment: 'buyers' | `saved:${number}`) => (
    <AudienceFields storeId="demo-store-a" lists={[newsletter, wholesale]} listId="3" onListId={() => undefined} segment={segment} onSegment={() => undefined} tag="" onTag={() => undefined} />
  );

  it("offers every saved segment of the store: one built on another list is counted by Odoo on this list", async () => {
    // Odoo's count of each audience on the campaign's list: the wholesale segment's rule gives 3 here (7 on its own list).
    const estimate = (input: { list_id: number; segment: string }) => ({ estimated_recipients: input.segment === 'saved:6' ? 3 : 300, list_total: 1250 });
    answer({ 'marketing.segments.list': segments(), 'marketing.campaigns.estimate': estimate });
    renderWithProviders(fields('buyers'));
    fireEvent.click(screen.getByRole('combobox', { name: 'Segment' }));
    expect(await screen.findByRole('option', { name: 'VIP openers (42)' })).toBeTruthy();
    expect(await screen.findByRole('option', { name: 'Wholesale bounced — built on Wholesale (3 here)' })).toBeTruthy();
    expect(host.inputs).toContainEqual(['marketing.campaigns.estimate', { storeId: 'demo-store-a', list_id: 3, segment: 'saved:6' }]);
    // The segment built on this list is not counted again: the segment list's count is of this list.
    expect(host.inputs).not.toContainEqual(['marketing.campaigns.estimate', expect.objectContaining({ segment: 'saved:5' })]);
  });

  it("picked on another list, a segment's count is of this list; when Odoo cannot count it, its own list's count is not shown", async () => {
    answer({ 'marketing.segments.list': segments(), 'marketing.campaigns.estimate': (input: { segment: string }) => ({ estimated_recipients: input.segment === 'saved:6' ? 3 : 300, list_total: 1250 }) });
    renderWithProviders(fields('saved:6'));
    expect((await screen.findByTestId('estimated-recipients', {}, { timeout: 3000 })).textContent).toBe('3');
    cleanup();
    answer({ 'marketing.segments.list': segments(), 'marketing.campaigns.estimate': new AppError('odoo.unreachable', 'Odoo does not answer.') });
    renderWithProviders(fields('saved:6'));
    expect(await screen.findByText(/Odoo could not count this audience right now/, {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.queryByTestId('estimated-recipients')).toBeNull();
    fireEvent.click(screen.getByRole('combobox', { name: 'Segment' }));
    expect(await screen.findByRole('option', { name: 'Wholesale bounced — built on Wholesale (no count: Odoo cannot be reached)' })).toBeTruthy();
  });

  it('offline, names the picked segment with its last count "as of" when, and says so when Odoo cannot count it', async () => {
    const asOf = new Date(Date.now() - 15 * 60_000).toISOString();
    answer({ 'marketing.segments.list': segments({ stale: true, as_of: asOf }), 'marketing.campaigns.estimate': new AppError('odoo.unreachable', 'Odoo does not answer.') });
    renderWithProviders(fields('saved:5'));
    const when = `as of ${formatAsOf(asOf, new Date())}`;
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Segment' }) as HTMLInputElement).value).toBe(`VIP openers (42, ${when})`));
    const count = await screen.findByTestId('estimated-recipients', {}, { timeout: 3000 });
    expect(count.parentElement?.textContent).toContain(`About 42 recipients in “VIP openers” · ${when}`);
    expect(count.parentElement?.textContent).toContain('Odoo could not count it now');
  });
});
