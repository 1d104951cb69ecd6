import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWorkspace, type DemoWorkspace } from '../../../src/main/sandbox/demo-workspace';
import { DEMO_API_KEY, DEMO_DATABASE } from '../../../src/main/sandbox/odoo';
import { SENDGRID_DEMO_API_KEY } from '../../../src/main/sandbox/sendgrid';

/** One request with a chosen Host header, as a DNS-rebinding page's browser would send it. */
function send(url: string, options: { host: string; method: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname: target.hostname, port: target.port, method: options.method, path: options.path, headers: { ...options.headers, host: options.host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const createMailing = (subject: string) =>
  JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service: 'object', method: 'execute_kw', args: [DEMO_DATABASE, 2, DEMO_API_KEY, 'mailing.mailing', 'create', [{ subject }]] } });

const mail = JSON.stringify({ personalizations: [{ to: [{ email: 'victim@example.com' }] }], from: { email: 'store@example.com' }, subject: 'Rebound', content: [{ type: 'text/plain', value: 'x' }] });

/** The demo peers inside the console hold a published key: only requests addressed to this computer may use it. */
describe('the demo workspace peers and foreign Host headers (DNS rebinding)', () => {
  let demo: DemoWorkspace;
  beforeAll(async () => {
    demo = await startDemoWorkspace();
  });
  afterAll(async () => {
    await demo.close();
  });

  it('refuses an Odoo call addressed to another host name, and creates nothing', async () => {
    const reply = await send(demo.odoo.url, { host: `evil.example:${demo.odoo.port}`, method: 'POST', path: '/jsonrpc', headers: { 'content-type': 'application/json' }, body: createMailing('Rebound mailing') });
    expect(reply.status).toBe(403);
    expect(demo.odoo.calls.filter((call) => call.model === 'mailing.mailing' && call.method === 'create')).toEqual([]);
  });

  it('refuses a SendGrid mail send addressed to another host name, and sends nothing', async () => {
    const before = demo.sendgrid.mail.length;
    const reply = await send(demo.sendgrid.url, { host: 'evil.example', method: 'POST', path: '/v3/mail/send', headers: { 'content-type': 'application/json', authorization: `Bearer ${SENDGRID_DEMO_API_KEY}` }, body: mail });
    expect([reply.status, demo.sendgrid.mail.length]).toEqual([403, before]);
  });

  it.each(['127.0.0.1', 'localhost'])('answers a call addressed to %s with its port', async (name) => {
    const reply = await send(demo.odoo.url, { host: `${name}:${demo.odoo.port}`, method: 'POST', path: '/jsonrpc', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service: 'common', method: 'version', args: [] } }) });
    expect([reply.status, JSON.parse(reply.body)]).toEqual([200, expect.objectContaining({ result: expect.objectContaining({ server_version: expect.any(String) }) })]);
  });

  it('answers the SendGrid client at its own address', async () => {
    const reply = await send(demo.sendgrid.url, { host: `127.0.0.1:${demo.sendgrid.port}`, method: 'GET', path: '/v3/scopes', headers: { authorization: `Bearer ${SENDGRID_DEMO_API_KEY}` } });
    expect(reply.status).toBe(200);
  });
});
