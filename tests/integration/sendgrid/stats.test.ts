import { afterEach, describe, expect, it } from 'vitest';
import { SENDGRID_DEMO_API_KEY, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { peerAndClient, rejectionOf } from './helpers';

let peer: SendgridPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

const mail = (categories: string[], to: string) => ({
  to: [{ email: to }],
  from: { email: 'shop@juniperandpine.example' },
  subject: 'Spring',
  html: '<p><a href="https://shop.example/a">A</a></p>',
  categories,
});

describe('SendGrid stats', () => {
  it('returns one global row per day of the range with SendGrid’s metric names', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const rows = await setup.client.globalStats({ start_date: '2025-03-01', end_date: '2025-03-31' });
    expect(rows).toHaveLength(31);
    expect(rows[0]!.date).toBe('2025-03-01');
    expect(Object.keys(rows[0]!.stats[0]!.metrics).sort()).toEqual([
      'blocks', 'bounce_drops', 'bounces', 'clicks', 'deferred', 'delivered', 'invalid_emails', 'opens', 'processed',
      'requests', 'spam_report_drops', 'spam_reports', 'unique_clicks', 'unique_opens', 'unsubscribe_drops', 'unsubscribes',
    ]);
    const requests = rows.reduce((sum, r) => sum + r.stats[0]!.metrics.requests, 0);
    expect(requests).toBeGreaterThan(2000);
  });

  it('groups global stats by month', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const rows = await setup.client.globalStats({ start_date: '2025-01-01', end_date: '2025-03-31', aggregated_by: 'month' });
    expect(rows.map((r) => r.date)).toEqual(['2025-01-01', '2025-02-01', '2025-03-01']);
  });

  it('counts the mail sent today in today’s global row', async () => {
    const setup = await peerAndClient({ seed: 'empty' });
    peer = setup.peer;
    await setup.client.sendMail(mail(['camp_a'], 'ana@example.com'));
    await setup.client.sendMail(mail(['camp_a'], 'ben@example.com'));
    const [today] = await setup.client.globalStats({ start_date: '2025-04-01', end_date: '2025-04-01' });
    expect(today!.stats[0]!.metrics.requests).toBe(2);
    expect(today!.stats[0]!.metrics.processed).toBe(2);
  });

  it('reports category stats per requested category, zeros included', async () => {
    const setup = await peerAndClient({ seed: 'empty' });
    peer = setup.peer;
    await setup.client.sendMail(mail(['camp_a'], 'ana@example.com'));
    await setup.client.sendMail(mail(['camp_b'], 'ben@example.com'));
    await setup.client.sendMail(mail(['camp_b'], 'cid@example.com'));
    const rows = await setup.client.categoryStats(['camp_a', 'camp_b', 'camp_none'], { start_date: '2025-04-01', end_date: '2025-04-01' });
    expect(rows).toHaveLength(1);
    const byName = Object.fromEntries(rows[0]!.stats.map((s) => [s.name, s.metrics.requests]));
    expect(byName).toEqual({ camp_a: 1, camp_b: 2, camp_none: 0 });
    expect(rows[0]!.stats.every((s) => s.type === 'category')).toBe(true);
  });

  it('asks for more than ten categories in several calls and merges the days', async () => {
    const setup = await peerAndClient({ seed: 'empty' });
    peer = setup.peer;
    const categories = Array.from({ length: 12 }, (_, i) => `camp_${i}`);
    const rows = await setup.client.categoryStats(categories, { start_date: '2025-03-31', end_date: '2025-04-01' });
    expect(rows.map((r) => r.date)).toEqual(['2025-03-31', '2025-04-01']);
    expect(rows[0]!.stats).toHaveLength(12);
    expect(peer.requests.filter((r) => r.path === '/v3/categories/stats')).toHaveLength(2);
  });

  it('answers 400 naming start_date when it is missing', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const response = await fetch(`${peer.url}/v3/stats`, { headers: { Authorization: `Bearer ${SENDGRID_DEMO_API_KEY}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ field: 'start_date', message: 'missing required argument' }] });
  });

  it('maps an end date before the start date to sendgrid.bad_request with SendGrid’s field', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const error = await rejectionOf(setup.client.globalStats({ start_date: '2025-03-10', end_date: '2025-03-01' }));
    expect(error.code).toBe('sendgrid.bad_request');
    expect(error.details?.['errors']).toEqual([{ field: 'end_date', message: 'end_date should be after start_date' }]);
  });

  it('refuses a start date in another format before calling SendGrid', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const error = await rejectionOf(setup.client.globalStats({ start_date: '03/01/2025' }));
    expect(error.code).toBe('input.invalid');
    expect(error.message).toContain('start_date');
    expect(peer.requests).toEqual([]);
  });
});
