import { describe, expect, it } from 'vitest';
import { EMPLOYEE_API_KEY } from '../../../../src/main/sandbox/odoo';
import { emptyPeers, executeKw, json2 } from './helpers';

/**
 * Odoo's demo employee ("demo", Marc Demo) is an internal user in no Email Marketing group, with an
 * API key of his own: Odoo refuses him the mailing models and lists who may (odoo19-json2-wire/118,
 * odoo18-wire/096), while the models every employee reads stay open to him.
 */
describe("Odoo's demo employee on the peer", () => {
  const peers = emptyPeers();

  const refusal = (model: string, label: string, groups: string[]): string =>
    `You are not allowed to access '${label}' (${model}) records.\n\nThis operation is allowed for the following groups:\n${groups.map((g) => `\t- ${g}`).join('\n')}\n\nContact your administrator to request access if necessary.`;

  it('is refused mailings on Odoo 19 with its own key, the groups named as 19 names them', async () => {
    const answer = await json2(peers['19.0']!, 'mailing.mailing', 'search_read', { domain: [], fields: ['subject'] }, { Authorization: `bearer ${EMPLOYEE_API_KEY}` });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ name: 'odoo.exceptions.AccessError', message: refusal('mailing.mailing', 'Mass Mailing', ['Email Marketing/User', 'Role / Administrator']) });
  });

  it('is refused mailings on Odoo 18 through execute_kw, as 18 words it', async () => {
    const answer = await executeKw(peers['18.0']!, 'mailing.mailing', 'search_read', [[]], { fields: ['subject'] }, { uid: 6, secret: EMPLOYEE_API_KEY });
    expect(answer.error?.data).toMatchObject({ name: 'odoo.exceptions.AccessError', message: refusal('mailing.mailing', 'Mass Mailing', ['Administration/Settings', 'Email Marketing/User']) });
  });

  it('is refused mailing traces, which only Email Marketing users reach', async () => {
    const answer = await json2(peers['19.0']!, 'mailing.trace', 'search_count', { domain: [] }, { Authorization: `bearer ${EMPLOYEE_API_KEY}` });
    expect(answer.body).toMatchObject({ message: refusal('mailing.trace', 'Mailing Statistics', ['Email Marketing/User']) });
  });

  it('reads his own context like every user', async () => {
    const answer = await json2(peers['19.0']!, 'res.users', 'context_get', {}, { Authorization: `bearer ${EMPLOYEE_API_KEY}` });
    expect(answer).toEqual({ status: 200, body: { lang: 'en_US', tz: 'Europe/Brussels', uid: 6 } });
  });
});
