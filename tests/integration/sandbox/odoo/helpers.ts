import { afterAll, beforeAll } from 'vitest';
import { DEMO_API_KEY, startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';

export interface JsonRpcAnswer {
  jsonrpc: string;
  id: unknown;
  result?: unknown;
  error?: { code: number; message: string; data: { name: string; message: string } };
}

/** object.execute_kw over raw HTTP, as any JSON-RPC client would send it. */
export async function executeKw(peer: OdooPeer, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}, auth: { uid: number; secret: string } = { uid: 2, secret: DEMO_API_KEY }): Promise<JsonRpcAnswer> {
  const res = await fetch(`${peer.url}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'object', method: 'execute_kw', args: ['markket', auth.uid, auth.secret, model, method, args, kwargs] }, id: 1 }),
  });
  return (await res.json()) as JsonRpcAnswer;
}

export async function json2(peer: OdooPeer, model: string, method: string, body: unknown, headers: Record<string, string> = { Authorization: `bearer ${DEMO_API_KEY}` }): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${peer.url}/json/2/${model}/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text };
}

/** An empty Odoo 18 and an empty Odoo 19 peer for the enclosing describe, started before its tests and closed after. */
export function emptyPeers(): Record<string, OdooPeer> {
  const peers: Record<string, OdooPeer> = {};
  beforeAll(async () => {
    peers['18.0'] = await startOdooPeer({ seed: 'empty', version: '18.0' });
    peers['19.0'] = await startOdooPeer({ seed: 'empty', version: '19.0' });
  });
  afterAll(async () => {
    await Promise.all(Object.values(peers).map((p) => p.close()));
  });
  return peers;
}
