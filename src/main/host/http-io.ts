import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, httpStatusFor, type ErrorPayload } from '../../shared/errors';

/** Sent on every response, API or static: the browser must never sniff a type or leak the URL. */
export const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** API answers carry live store data: never cached, never framed. */
export const API_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    ...API_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** `{ error: { code, message, details } }` with the status the code maps to (unless the route knows better, e.g. 405). */
export function sendError(res: ServerResponse, error: ErrorPayload, options: { status?: number; headers?: Record<string, string> } = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, options.status ?? httpStatusFor(error.code), { error }, options.headers);
}

/**
 * Reads the whole body, refusing more than `limit` bytes. A declared Content-Length over the limit
 * is refused before a byte is read; a body that grows past it mid-stream is refused as it does.
 */
export function readBody(req: IncomingMessage, limit: number, advice?: string): Promise<Buffer> {
  const tooLarge = () =>
    new AppError('payload_too_large', `The request body is larger than the ${formatBytes(limit)} this API accepts.${advice ? ` ${advice}` : ''}`, { limitBytes: limit });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: AppError | null) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(tooLarge());
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => finish(null));
    req.on('error', () => finish(new AppError('cancelled', 'The request was interrupted before its body arrived.')));
  });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The body of POST/PUT/PATCH: empty means `{}`; anything but a JSON object is refused. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('input.invalid', 'The request body is not valid JSON.', { fields: [{ field: '(body)', problem: 'is not valid JSON' }] });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError('input.invalid', 'The request body must be a JSON object.', { fields: [{ field: '(body)', problem: 'must be a JSON object' }] });
  }
  return value as Record<string, unknown>;
}
