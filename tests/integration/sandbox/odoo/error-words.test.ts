import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEMO_DATABASE, DEMO_LOGIN, DEMO_PASSWORD, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { emptyPeers, executeKw, json2 } from './helpers';

/**
 * The peer refuses bad calls in the words of the Odoo it stands for, where no recording shows the
 * case: Odoo 19's texts come from its source (odoo/orm/domains.py, odoo/service/model.py,
 * ir_http._auth_method_bearer, CPython's argument binding); 18 keeps the texts its recordings show.
 */
describe('the Odoo peer words its refusals as the Odoo version it plays', () => {
  const peers = emptyPeers();

  const search19 = async (domain: unknown) => (await json2(peers['19.0']!, 'mailing.list', 'search_count', { domain })).body;
  const search18 = async (domain: unknown) => (await executeKw(peers['18.0']!, 'mailing.list', 'search_count', [domain])).error?.data;

  it("refuses Odoo 19 domains as 19's Domain() does, reading the list from its end", async () => {
    expect(await search19([['name', 'likeish', 'x'], ['nmae', 'bogus', 1]])).toMatchObject({ name: 'builtins.ValueError', message: "Invalid operator in condition ('nmae', 'bogus', 1)" });
    expect(await search19(['&', ['name', '=', 'x']])).toMatchObject({ name: 'builtins.ValueError', message: "Domain() malformed domain ['&', ['name', '=', 'x']]" });
    expect(await search19(['name', '=', 'x'])).toMatchObject({ name: 'builtins.ValueError', message: "Domain() invalid item in domain: 'x'" });
    expect(await search19([['', '=', 1]])).toMatchObject({ name: 'builtins.TypeError', message: "Empty field name in condition ('', '=', 1)" });
    expect(await search19([['name', 5, 1]])).toMatchObject({ name: 'builtins.AttributeError', message: "'int' object has no attribute 'lower'" });
    expect(await search19('[]')).toMatchObject({ name: 'builtins.TypeError', message: "Domain() invalid argument type for domain: '[]'" });
    // An operator in capitals is lowered (with a deprecation warning), then checked.
    expect(await search19([['name', 'LIKEISH', 'x']])).toMatchObject({ message: "Invalid operator in condition ('name', 'likeish', 'x')" });
    expect((await json2(peers['19.0']!, 'mailing.list', 'search_count', { domain: [['name', 'ILIKE', 'nothing']] })).body).toBe(0);
  });

  it('keeps Odoo 18 its own words for the same domains', async () => {
    expect(await search18([['name', 'likeish', 'x']])).toMatchObject({ message: "Invalid leaf ('name', 'likeish', 'x')" });
    expect(await search18([['nmae', '=', 1]])).toMatchObject({ message: "Invalid field mailing.list.nmae in leaf ('nmae', '=', 1)" });
  });

  it('names an unknown or private method with its model on Odoo 19, whatever the protocol', async () => {
    expect((await executeKw(peers['19.0']!, 'mailing.list', 'frobnicate', [[]])).error?.data).toMatchObject({ name: 'builtins.AttributeError', message: "The method 'mailing.list.frobnicate' does not exist" });
    expect((await executeKw(peers['19.0']!, 'mailing.list', '_private', [[]])).error?.data).toMatchObject({ message: "Private methods (such as 'mailing.list._private') cannot be called remotely." });
    expect((await executeKw(peers['18.0']!, 'mailing.list', 'frobnicate', [[]])).error?.data).toMatchObject({ message: "The method 'frobnicate' does not exist on the model 'mailing.list'" });
  });

  it("says 'on' for a read and 'in' for a write of an unknown field on Odoo 19, and 'on model' for an order", async () => {
    const list = (await json2(peers['19.0']!, 'mailing.list', 'create', { vals_list: [{ name: 'Words' }] })).body as number[];
    expect((await json2(peers['19.0']!, 'mailing.list', 'read', { ids: list, fields: ['nope'] })).body).toMatchObject({ message: "Invalid field 'nope' on 'mailing.list'" });
    expect((await json2(peers['19.0']!, 'mailing.list', 'write', { ids: list, vals: { nope: 1 } })).body).toMatchObject({ message: "Invalid field 'nope' in 'mailing.list'" });
    expect((await json2(peers['19.0']!, 'mailing.list', 'search', { domain: [], order: 'nope' })).body).toMatchObject({ message: "Invalid field 'nope' on model 'mailing.list'" });
    const list18 = (await executeKw(peers['18.0']!, 'mailing.list', 'create', [{ name: 'Words' }])).result as number;
    expect((await executeKw(peers['18.0']!, 'mailing.list', 'write', [[list18], { nope: 1 }])).error?.data).toMatchObject({ message: "Invalid field 'nope' on model 'mailing.list'" });
  });

  it("refuses an unknown keyword before surplus arguments in a Python call, as CPython's binding does", async () => {
    const answer = await executeKw(peers['18.0']!, 'mailing.list', 'search_count', [[], 1, 2, 3], { nope: 1 });
    expect(answer.error?.data).toMatchObject({ name: 'builtins.TypeError', message: "search_count() got an unexpected keyword argument 'nope'" });
  });

  it("lets a browser's own navigation use its session on JSON-2, and refuses the session alone", async () => {
    const peer = peers['19.0']!;
    const login = await fetch(`${peer.url}/web/session/authenticate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { db: DEMO_DATABASE, login: DEMO_LOGIN, password: DEMO_PASSWORD }, id: 1 }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const navigation = { 'Sec-Fetch-Dest': 'document', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-User': '?1' };
    expect(await rawPost(peer, '/json/2/res.users/context_get', { Cookie: cookie, ...navigation })).toMatchObject({ status: 200, body: { uid: 2 } });
    expect(await rawPost(peer, '/json/2/res.users/context_get', { Cookie: cookie, ...navigation, 'Sec-Fetch-Site': 'cross-site' })).toMatchObject({
      status: 401,
      body: { message: 'Missing "Authorization" or Sec-headers for interactive usage.' },
    });
    expect(await json2(peer, 'res.users', 'context_get', {}, {})).toMatchObject({ status: 401, body: { message: 'User not authenticated, use an API Key with a Bearer Authorization header.' } });
  });
});

/** A POST with exactly these headers: fetch sets Sec-Fetch-Mode itself, as a browser's fetch does. */
function rawPost(peer: OdooPeer, path: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${peer.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}
