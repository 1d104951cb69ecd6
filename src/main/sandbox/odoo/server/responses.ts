import type { IncomingMessage, ServerResponse } from 'node:http';
import { genericException, OdooError } from '../errors';
import { pythonJson } from './python-json';

/** Reading a request and writing an answer, the same way on every route of the peer. */

/** An answer with its exact byte length, as Odoo's werkzeug sends it. */
export function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  // Encoded once: the length and the bytes sent come from the same buffer (a 2,000-row answer is ~300 KB).
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(bytes.length), ...headers });
  res.end(bytes);
}

/** A JSON answer in Python's spacing (see python-json.ts). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', pythonJson(body), headers);
}

/** The whole request body as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Any failure as the OdooError Odoo would serialize: an unexpected one is a generic server error. */
export function toOdooError(error: unknown): OdooError {
  if (error instanceof OdooError) return error;
  return genericException(error instanceof Error ? error.message : String(error));
}

/** One cookie of the request, e.g. the web client's session_id. */
export function cookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
