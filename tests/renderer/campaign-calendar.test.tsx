// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: api.call answers by operation name, as the host
// would, from a small book of campaigns that a move changes.
interface Row { campaign_id: string; odoo_campaign_id: number; subject: string; status: string; sent_date: string | null; scheduled_for: string | null; recipients: number; open_rate: number; click_rate: number; ab_test?: { versions: number; winner: null } }
const host = vi.hoisted(() => ({ rows: [] as Row[], lists: [] as Record<string, unknown>[], moves: [] as Record<string, unknown>[], fail: null as null | { code: string; message: string } }));
vi.mock('../../src/renderer/src/api', async () => {
  const { AppError } = await import('../../src/shared/errors');
  return {
    api: {
      call: async (name: string, input: Record<string, unknown>) => {
        if (name === 'marketing.campaigns.list') {
          host.lists.push(input);
          if (host.fail) throw new AppError(host.fail.code as 'odoo.unreachable', host.fail.message);
          const rows = input.status === 'draft' ? host.rows.filter((r) => r.status === 'draft') : host.rows.filter((r) => r.status !== 'draft' && (r.sent_date ?? r.scheduled_for)! >= String(input.from) && (r.sent_date ?? r.scheduled_for)! < String(input.to));
          return { campaigns: rows, total: rows.length };
        }
        if (name === 'marketing.campaigns.move') {
          host.moves.push(input);
          const row = { ...host.rows.find((r) => r.campaign_id === input.campaignId)!, scheduled_for: String(input.schedule) };
          host.rows = host.rows.map((r) => (r.campaign_id === row.campaign_id ? row : r));
          return { campaign_id: row.campaign_id, odoo_campaign_id: row.odoo_campaign_id, status: row.status, scheduled_for: row.scheduled_for, estimated_recipients: 40, changed: true };
        }
        throw new Error(`unexpected op ${name}`);
      },
    },
  };
});

const { CampaignCalendarView } = await import('../../src/renderer/src/views/calendar/CampaignCalendarView');

/** Next month, so every day of it is still ahead; times are the person's own (local) wall clock. */
const month = dayjs().add(1, 'month').startOf('month');
const on = (day: number, time = '09:30') => dayjs(`${month.format('YYYY-MM')}-${String(day).padStart(2, '0')}T${time}`);
const row = (id: string, subject: string, status: string, at: dayjs.Dayjs, extra: Partial<Row> = {}): Row => ({
  campaign_id: id, odoo_campaign_id: 1, subject, status, recipients: 40, open_rate: 0, click_rate: 0,
  sent_date: status === 'sent' ? at.toISOString() : null, scheduled_for: status === 'sent' ? null : at.toISOString(), ...extra,
});
const cell = (container: HTMLElement, day: dayjs.Dayjs) => container.querySelector<HTMLElement>(`[data-day="${day.format('YYYY-MM-DD')}"]`)!;
const entry = (container: HTMLElement, id: string) => container.querySelector<HTMLElement>(`[data-campaign-id="${id}"]`)!;

beforeEach(() => {
  host.rows = [
    row('camp_weekend', 'Weekend preview', 'scheduled', on(10)),
    row('camp_sent', 'Autumn sale', 'sent', on(3, '14:00')),
    row('camp_ab', 'Subject test', 'scheduled', on(12, '08:00'), { ab_test: { versions: 2, winner: null } }),
    row('camp_draft', 'Holiday draft', 'draft', on(18, '11:15')),
  ];
  host.lists = [];
  host.moves = [];
  host.fail = null;
});
afterEach(() => cleanup());

describe('the campaign calendar', () => {
  it('shows the month’s campaigns on their own days, each status in words, an A/B test as one entry', async () => {
    const { container } = renderWithProviders(<CampaignCalendarView storeId="demo-store-a" view="month" date={month.format('YYYY-MM-DD')} />);
    await screen.findByText(/Weekend preview/);
    expect(host.lists[0]).toMatchObject({ storeId: 'demo-store-a', from: month.toISOString(), to: month.add(1, 'month').toISOString() });
    expect(within(cell(container, on(10))).getByText('Scheduled')).toBeTruthy();
    expect(within(cell(container, on(3))).getByText('Sent')).toBeTruthy();
    expect(within(cell(container, on(18))).getByText('Draft')).toBeTruthy();
    expect(within(cell(container, on(12))).getByText('A/B · 2 versions')).toBeTruthy();
    expect(within(cell(container, on(12))).getAllByText(/Subject test/)).toHaveLength(1);
    // A sent campaign stays where it is: it cannot be dragged and has no "Move to…".
    expect(entry(container, 'camp_sent').getAttribute('draggable')).toBe('false');
    expect(within(entry(container, 'camp_sent')).queryByRole('button', { name: /Move/ })).toBeNull();
    expect(cell(container, on(10)).getAttribute('aria-label')).toMatch(/1 campaign$/);
  });

  it('moves a scheduled campaign dragged to another day, keeping its time of day, and shows it there', async () => {
    const { container } = renderWithProviders(<CampaignCalendarView storeId="demo-store-a" view="month" date={month.format('YYYY-MM-DD')} />);
    await screen.findByText(/Weekend preview/);
    fireEvent.dragStart(entry(container, 'camp_weekend'));
    fireEvent.dragOver(cell(container, on(14)));
    expect(cell(container, on(14)).getAttribute('data-drop')).toBe('allowed');
    fireEvent.drop(cell(container, on(14)));
    await waitFor(() => expect(host.moves).toEqual([{ storeId: 'demo-store-a', campaignId: 'camp_weekend', schedule: on(14).toISOString() }]));
    await waitFor(() => expect(within(cell(container, on(14))).getByText(/Weekend preview/)).toBeTruthy());
    expect(within(cell(container, on(10))).queryByText(/Weekend preview/)).toBeNull();
  });

  it('carries a dragged campaign over “Next month” into the next month, and moves it there at the same time of day', async () => {
    const { container } = renderWithProviders(<CampaignCalendarView storeId="demo-store-a" view="month" date={month.format('YYYY-MM-DD')} />);
    await screen.findByText(/Weekend preview/);
    const later = month.add(1, 'month');
    const laterTitle = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' }).format(later.toDate());
    const next = screen.getByRole('button', { name: 'Next month' });
    fireEvent.dragStart(entry(container, 'camp_weekend'));
    fireEvent.dragEnter(next);
    expect(next.getAttribute('data-drag-flip')).toBe('waiting');
    // Resting on the button, a browser keeps sending dragover until the view turns.
    await waitFor(() => {
      fireEvent.dragOver(next);
      expect(screen.getByRole('heading', { name: laterTitle })).toBeTruthy();
    }, { timeout: 3000 });
    fireEvent.dragLeave(next);
    expect(next.getAttribute('data-drag-flip')).toBeNull();
    const target = dayjs(`${later.format('YYYY-MM')}-05T09:30`);
    fireEvent.dragOver(cell(container, target));
    expect(cell(container, target).getAttribute('data-drop')).toBe('allowed');
    fireEvent.drop(cell(container, target));
    await waitFor(() => expect(host.moves).toEqual([{ storeId: 'demo-store-a', campaignId: 'camp_weekend', schedule: target.toISOString() }]));
    await waitFor(() => expect(within(cell(container, target)).getByText(/Weekend preview/)).toBeTruthy());
  });

  it('in the week view, carries a dragged campaign over “Next week” into the next week, and moves it there at the same time of day', async () => {
    const { container } = renderWithProviders(<CampaignCalendarView storeId="demo-store-a" view="week" date={on(10).format('YYYY-MM-DD')} />);
    await screen.findByText(/Weekend preview/);
    const monday = dayjs(on(10).format('YYYY-MM-DD')).subtract((on(10).day() + 6) % 7, 'day');
    const nextMonday = monday.add(7, 'day');
    const next = screen.getByRole('button', { name: 'Next week' });
    fireEvent.dragStart(entry(container, 'camp_weekend'));
    fireEvent.dragEnter(next);
    expect(next.getAttribute('data-drag-flip')).toBe('waiting');
    await waitFor(() => {
      fireEvent.dragOver(next);
      expect(cell(container, nextMonday)).toBeTruthy();
    }, { timeout: 3000 });
    fireEvent.dragLeave(next);
    // One week on, not a month: the next week's seven days, read from the server for that week.
    expect([...container.querySelectorAll('[data-day]')].map((d) => d.getAttribute('data-day'))).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => nextMonday.add(i, 'day').format('YYYY-MM-DD')));
    await waitFor(() => expect(host.lists).toContainEqual(expect.objectContaining({ from: nextMonday.toISOString(), to: nextMonday.add(7, 'day').toISOString() })));
    const target = nextMonday.add(2, 'day').hour(9).minute(30);
    fireEvent.dragOver(cell(container, target));
    expect(cell(container, target).getAttribute('data-drop')).toBe('allowed');
    fireEvent.drop(cell(container, target));
    await waitFor(() => expect(host.moves).toEqual([{ storeId: 'demo-store-a', campaignId: 'camp_weekend', schedule: target.toISOString() }]));
    await waitFor(() => expect(within(cell(container, target)).getByText(/Weekend preview/)).toBeTruthy());
  });

  it('turns no month for a drag that is not one of its campaigns', async () => {
    renderWithProviders(<CampaignCalendarView storeId="demo-store-a" view="month" date={month.format('YYYY-MM-DD')} />);
    await screen.findByText(/Weekend preview/);
    const next = screen.getByRole('button', { name: 'Next month' });
    fireEvent.dragEnter(next);
    fireEvent.dragOver(next);
    expect(next.getAttribute('data-drag-flip')).toBeNull();
  });

  it('refuses a drop on a day already past with a sentence, and asks nothing of the server', async () => {
    const past = dayjs().subtract(1, 'month').startOf('month');
    host.rows = [row('camp_late', 'Late draft', 'draft', past.add(9, 'day').hour(9))];
    const { container } = renderWithProviders(<CampaignCalendarView storeId="demo-store-a" view="month" date={past.format('YYYY-MM-DD')} />);
    await screen.findByText(/Late draft/);
    fireEvent.dragStart(entry(container, 'camp_late'));
    fireEvent.dragOver(cell(container, past.add(11, 'day')));
    expect(cell(container, past.add(11, 'day')).getAttribute('data-drop')).toBe('refused');
    fireEvent.drop(cell(container, past.add(11, 'day')));
    expect((await screen.findByRole('alert')).textContent).toContain('A campaign cannot be moved into the past. Pick a day and time still ahead.');
    expect(host.moves).toEqual([]);
  });

  it('moves a campaign from the keyboard with “Move to…” and a day picked in the date picker', async () => {
    const { container } = renderWithProviders(<CampaignCalendarView storeId="demo-store-a" view="month" date={month.format('YYYY-MM-DD')} />);
    await screen.findByText(/Holiday draft/);
    fireEvent.click(within(entry(container, 'camp_draft')).getByRole('button', { name: 'Move “Holiday draft” to another day' }));
    const picker = await screen.findByRole('dialog');
    fireEvent.click(within(picker).getByRole('button', { name: on(21).format('D MMMM YYYY') }));
    await waitFor(() => expect(host.moves).toEqual([{ storeId: 'demo-store-a', campaignId: 'camp_draft', schedule: on(21, '11:15').toISOString() }]));
  });

  it('shows a week: its seven days, and the time of each campaign', async () => {
    const { container } = renderWithProviders(<CampaignCalendarView storeId="demo-store-a" view="week" date={on(10).format('YYYY-MM-DD')} />);
    await screen.findByText(/Weekend preview/);
    expect(container.querySelectorAll('[data-day]')).toHaveLength(7);
    const monday = dayjs(on(10).format('YYYY-MM-DD')).subtract((on(10).day() + 6) % 7, 'day');
    expect(host.lists[0]).toMatchObject({ from: monday.toISOString(), to: monday.add(7, 'day').toISOString() });
    expect(entry(container, 'camp_weekend').textContent).toContain(new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(on(10).toDate()));
  });

  it('says when a month has no campaign, and offers a retry when the campaigns cannot be read', async () => {
    host.rows = [];
    renderWithProviders(<CampaignCalendarView storeId="demo-store-a" view="month" date={month.format('YYYY-MM-DD')} />);
    expect(await screen.findByText(/^No campaigns in /)).toBeTruthy();
    cleanup();
    host.fail = { code: 'odoo.unreachable', message: 'Odoo did not answer. Check your connection and try again.' };
    renderWithProviders(<CampaignCalendarView storeId="demo-store-a" view="month" date={month.format('YYYY-MM-DD')} />);
    expect(await screen.findByText('Could not load the calendar')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Try again/ })).toBeTruthy();
  });
});
