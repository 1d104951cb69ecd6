import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../../src/main/host/browser-mode';
import { DEMO_STORE } from '../../../src/main/sandbox/odoo';

/** Text no operation can use — half a character, or NUL — is the caller's mistake, named as such: never a 500. */
let served: BrowserMode;
beforeAll(async () => {
  served = await startBrowserMode({ demo: true, envOdoo: null });
}, 60_000);
afterAll(async () => {
  await served?.close();
});

async function rpc(name: string, body: string): Promise<{ status: number; body: { error?: { code: string; message: string; details?: { fields?: { field: string }[] } } } }> {
  const res = await fetch(`${served.url}/api/rpc/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
    body,
  });
  return { status: res.status, body: (await res.json()) as never };
}

describe('bad text in a request', () => {
  it('answers a lone surrogate in a template id with input.invalid naming the field', async () => {
    const reply = await rpc('sendgrid.templates.get', '{"templateId":"\\ud800"}');
    expect([reply.status, reply.body.error?.code, reply.body.error?.details?.fields?.[0]?.field]).toEqual([400, 'input.invalid', 'templateId']);
  });

  it.each([
    ['a draft subject with a lone low surrogate', 'drafts.save', `{"storeId":"${DEMO_STORE.id}","subject":"Sale \\udc00 today"}`, 'subject'],
    ['a profile name with a NUL', 'profiles.create', '{"name":"Clinic\\u0000","kind":"own-odoo"}', 'name'],
    ['an extension config key with a lone surrogate', 'extensions.add', `{"storeId":"${DEMO_STORE.id}","record":{"key":"markket:odoo:newsletter","config":{"\\ud83d":1}}}`, 'record.config.\ud83d'],
    ['a store id with a lone surrogate', 'drafts.list', '{"storeId":"demo-\\ud800"}', 'storeId'],
  ])('answers %s with input.invalid', async (_what, name, body, field) => {
    const reply = await rpc(name, body);
    expect([reply.status, reply.body.error?.code, reply.body.error?.details?.fields?.[0]?.field]).toEqual([400, 'input.invalid', field]);
  });

  it('accepts a whole emoji (a surrogate pair) where text is free', async () => {
    const reply = await rpc('drafts.save', `{"storeId":"${DEMO_STORE.id}","subject":"Sale \\ud83d\\ude00 today"}`);
    expect(reply.status).toBe(200);
  });

  it('answers a route parameter that is not UTF-8 with input.invalid', async () => {
    const res = await fetch(`${served.url}/api/stores/%ED%A0%80/marketing/lists`, { headers: { Authorization: `Bearer ${served.token}` } });
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([400, 'input.invalid']);
  });
});
