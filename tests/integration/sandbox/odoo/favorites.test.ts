import { afterEach, describe, expect, it } from 'vitest';
import { startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { executeKw } from './helpers';

const START = new Date('2026-03-01T10:00:00Z');

async function call<T>(peer: OdooPeer, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> {
  const answer = await executeKw(peer, model, method, args, kwargs);
  if (answer.error) throw new Error(`${answer.error.data.name}: ${answer.error.data.message}`);
  return answer.result as T;
}

interface Favorite { id: number; subject: string; body_arch: string; user_id: [number, string] | false; mailing_model_id: [number, string] }

// mass_mailing/models/mailing.py: favorite (copy=False), favorite_date (stored compute) and
// action_fetch_favorites, which Odoo's mailing editor calls to list its favourite templates.
describe.each(['18.0', '19.0'] as const)('favourite mailings on the Odoo %s peer', (version) => {
  let peer: OdooPeer | undefined;
  afterEach(async () => peer?.close());

  it('dates a favourite when it becomes one, clears the date when it stops, and does not copy either', async () => {
    peer = await startOdooPeer({ version, autoProcessQueue: false, now: () => START });
    const id = await call<number>(peer, 'mailing.mailing', 'create', [{ subject: 'Spring letter', body_arch: '<p>Hello</p>', body_html: '<p>Hello</p>' }]);
    await call(peer, 'mailing.mailing', 'write', [[id], { favorite: true }]);
    const read = async (ids: number[]) => call<{ favorite: boolean; favorite_date: string | false }[]>(peer!, 'mailing.mailing', 'read', [ids, ['favorite', 'favorite_date']]);
    expect(await read([id])).toEqual([{ id, favorite: true, favorite_date: '2026-03-01 10:00:00' }]);

    const copied = await call<number | number[]>(peer, 'mailing.mailing', 'copy', [[id]]);
    const copyId = Array.isArray(copied) ? copied[0]! : copied;
    expect(await read([copyId])).toEqual([{ id: copyId, favorite: false, favorite_date: false }]);

    await call(peer, 'mailing.mailing', 'write', [[id], { favorite: false }]);
    expect(await read([id])).toEqual([{ id, favorite: false, favorite_date: false }]);
  });

  it('lists favourites with a body, archived ones too, newest first, narrowed by the extra domain', async () => {
    let now = START;
    peer = await startOdooPeer({ version, autoProcessQueue: false, now: () => now });
    const make = async (subject: string, body: string, extra: Record<string, unknown> = {}) => {
      const id = await call<number>(peer!, 'mailing.mailing', 'create', [{ subject, body_arch: body, body_html: body, ...extra }]);
      await call(peer!, 'mailing.mailing', 'write', [[id], { favorite: true }]);
      now = new Date(now.getTime() + 60_000);
      return id;
    };
    const older = await make('Older', '<p>Older letter</p>');
    const empty = await make('Empty', '<p><br></p>');
    const archived = await make('Archived', '<div>Archived letter</div>', { active: false });
    const newest = await make('Newest', '<p>Newest letter</p>');
    await call<number>(peer, 'mailing.mailing', 'create', [{ subject: 'Not a favourite', body_arch: '<p>x</p>' }]);

    const all = await call<Favorite[]>(peer, 'mailing.mailing', 'action_fetch_favorites', []);
    expect(all.map((f) => f.id)).toEqual([newest, archived, older]);
    expect(all.map((f) => f.id)).not.toContain(empty);
    expect(Object.keys(all[0]!).sort()).toEqual(['body_arch', 'id', 'mailing_model_id', 'subject', 'user_id']);
    expect(all[0]).toMatchObject({ subject: 'Newest', body_arch: '<p>Newest letter</p>', mailing_model_id: [expect.any(Number), 'Mailing List'] });

    const narrowed = await call<Favorite[]>(peer, 'mailing.mailing', 'action_fetch_favorites', [[['subject', 'ilike', 'letter'], '|', ['subject', '=', 'Older'], ['subject', '=', 'Newest']]]);
    expect(narrowed).toEqual([]);
    const byName = await call<Favorite[]>(peer, 'mailing.mailing', 'action_fetch_favorites', [['|', ['subject', '=', 'Older'], ['subject', '=', 'Newest']]]);
    expect(byName.map((f) => f.id)).toEqual([newest, older]);
  });
});
