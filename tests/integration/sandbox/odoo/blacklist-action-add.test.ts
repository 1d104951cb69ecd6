import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_DATABASE, startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';

/** The blocklist's "Add" button over JSON-2, as mail.blacklist.action_add does it on Odoo 19. */
describe('mail.blacklist.action_add on the Odoo 19 peer', () => {
  let odoo: OdooPeer;
  beforeAll(async () => {
    odoo = await startOdooPeer({ seed: 'demo', version: '19.0', contactCount: 3, autoProcessQueue: false });
  });
  afterAll(async () => {
    await odoo?.close();
  });

  const call = async (method: string, body: Record<string, unknown>) => {
    const res = await fetch(`${odoo.url}/json/2/mail.blacklist/${method}`, {
      method: 'POST',
      headers: { Authorization: `bearer ${DEMO_API_KEY}`, 'Content-Type': 'application/json', 'X-Odoo-Database': DEMO_DATABASE },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('puts an archived address back on the blocklist instead of adding a second entry', async () => {
    const created = await call('create', { vals_list: [{ email: 'Returning@Example.com' }] });
    const [id] = created.body as number[];
    await call('action_archive', { ids: [id] });
    expect((await call('action_add', { ids: [id] })).status).toBe(200);
    const entries = await call('search_read', { domain: [['email', '=', 'returning@example.com']], fields: ['active'], context: { active_test: false } });
    expect(entries.body).toEqual([{ id, active: true }]);
  });

  it('takes no arguments: one is refused before anything runs, in the words of a signature check', async () => {
    const answer = await call('action_add', { vals_list: [] });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ name: 'werkzeug.exceptions.UnprocessableEntity', message: "got an unexpected keyword argument 'vals_list'" });
  });
});
