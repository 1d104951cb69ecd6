import dgram from 'node:dgram';
import { lookup } from 'node:dns';
import dns from 'node:dns/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import tls from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEgressRecorder, type EgressRecorder } from '../../support/egress-recorder';

/**
 * The recorder the egress tests rely on must see every way Node code reaches the network, including
 * functions a module captured at import time (the `request` and `lookup` imported above).
 */
let server: Server;
let port: number;
let recorder: EgressRecorder | undefined;

beforeEach(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  port = (server.address() as AddressInfo).port;
});
afterEach(async () => {
  recorder?.stop();
  recorder = undefined;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function get(path: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.2', port, path, method: 'POST', agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the egress recorder', () => {
  it('records a request made with an http.request captured before it started, and the bytes it sent', async () => {
    recorder = startEgressRecorder();
    await get('/patients', '{"email":"jane@clinic.example"}');
    expect(recorder.destinations()).toEqual([`127.0.0.2:${port}`]);
    const [sent] = recorder.sentTo(`127.0.0.2:${port}`);
    expect(sent?.toString()).toContain('POST /patients HTTP/1.1');
    expect(sent?.toString()).toContain('jane@clinic.example');
    expect(recorder.records.find((r) => r.kind === 'tcp')?.address).toBe('127.0.0.2');
  });

  it("records global fetch (undici), both by URL and at the socket", async () => {
    recorder = startEgressRecorder();
    expect(await (await fetch(`http://127.0.0.2:${port}/x`)).text()).toBe('ok');
    expect(recorder.records.filter((r) => r.kind === 'fetch' || r.kind === 'tcp').map((r) => r.kind).sort()).toEqual(['fetch', 'tcp']);
    expect(recorder.sentTo(`127.0.0.2:${port}`).join('')).toContain('GET /x HTTP/1.1');
  });

  it('records a TLS connection, a raw socket, a UDP datagram and DNS questions of every kind', async () => {
    recorder = startEgressRecorder();
    const raw = net.connect(port, '127.0.0.2');
    await new Promise((resolve) => raw.once('connect', resolve));
    raw.destroy();
    const secure = tls.connect({ host: '127.0.0.2', port, servername: 'odoo.clinic.example', rejectUnauthorized: true });
    await new Promise((resolve) => secure.once('error', resolve));
    const udp = dgram.createSocket('udp4');
    await new Promise((resolve) => udp.send('ping', port, '127.0.0.3', resolve));
    udp.close();
    await new Promise((resolve) => lookup('odoo.clinic.test', resolve));
    await dns.resolve4('tracker.example').catch(() => undefined);
    // A connection by name asks the resolver through net's own lookup.
    const byName = net.connect(port, 'localhost');
    await new Promise((resolve) => byName.once('connect', resolve).once('error', resolve));
    byName.destroy();

    expect([...new Set(recorder.records.map((r) => `${r.kind} ${r.host}`))].sort()).toEqual(
      ['dns localhost', 'dns odoo.clinic.test', 'dns tracker.example', 'tcp 127.0.0.2', 'tcp localhost', 'tls 127.0.0.2', 'udp 127.0.0.3'].sort(),
    );
    expect(recorder.lookups()).toEqual(['localhost', 'odoo.clinic.test', 'tracker.example']);
    expect(recorder.destinations({ except: [`127.0.0.2:${port}`] })).toEqual([`127.0.0.3:${port}`, `localhost:${port}`]);
  });

  it('records a worker thread started through the module or a named import', async () => {
    recorder = startEgressRecorder();
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker("require('node:worker_threads').parentPort.postMessage('up')", { eval: true });
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
    expect(recorder.workers()).toEqual(['eval']);
  });

  it('records a child process and puts everything back when stopped', async () => {
    recorder = startEgressRecorder();
    const { execFile } = await import('node:child_process');
    await new Promise((resolve) => execFile(process.execPath, ['-e', '0'], resolve));
    expect(recorder.spawned()).toEqual([process.execPath]);
    recorder.stop();
    const stopped = recorder;
    recorder = undefined;
    await get('/after', '');
    expect(stopped.destinations()).toEqual([]);
  });
});
