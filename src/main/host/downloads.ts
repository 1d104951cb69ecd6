import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError, type ErrorPayload } from '../../shared/errors';
import { BASE_HEADERS, sendError } from './http-io';
import type { ExtraRoute } from './http';

export const DOWNLOADS_PATH = '/downloads/';
/** Long enough to click "save" after an export finishes, short enough that a stray link dies soon. */
export const DEFAULT_DOWNLOAD_TTL_MS = 5 * 60_000;

export interface DownloadTicket {
  /** Relative to the host's origin: `/downloads/<id>`. */
  url: string;
  expiresAt: string;
}

interface Pending {
  path: string;
  fileName: string;
  contentType: string;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

export interface Downloads {
  /** Where browser-mode exports write before they are downloaded. */
  readonly dir: string;
  /** A fresh file path in the downloads folder (the export writes there, then registers it). */
  tempPath(extension: string): Promise<string>;
  register(path: string, fileName: string, contentType: string): DownloadTicket;
  /** Hands the file over once: the ticket is gone afterwards. Undefined when unknown or expired. */
  take(id: string): { path: string; fileName: string; contentType: string } | undefined;
  /** Deletes every file not downloaded yet (profile switched, host closing). */
  close(): Promise<void>;
  /**
   * Deletes what an earlier run left in the folder (exports never fetched, temp files of an export a
   * crash cut short). Called when the profile's data is first opened, so nothing waits for the next export.
   */
  clearLeftovers(): Promise<void>;
}

const ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * One-time downloads for browser mode. The id is 32 random bytes and is the only credential: the
 * API token never goes into a URL (it would land in history and logs), so the link works once,
 * for a few minutes, and the file is deleted after it is sent or when it expires.
 */
export function createDownloads({ dir, now, ttlMs = DEFAULT_DOWNLOAD_TTL_MS }: { dir: string; now: () => Date; ttlMs?: number }): Downloads {
  const pending = new Map<string, Pending>();
  // Files of a previous run that were never fetched: nobody holds their link any more.
  let ready: Promise<void> | undefined;
  const open = () =>
    (ready ??= mkdir(dir, { recursive: true, mode: 0o700 })
      .then(() => readdir(dir))
      .then((names) => Promise.all(names.map((name) => rm(join(dir, name), { force: true }))))
      .then(() => undefined));

  function forget(id: string): void {
    const entry = pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    pending.delete(id);
  }

  return {
    dir,
    async tempPath(extension) {
      await open();
      return join(dir, `${randomBytes(12).toString('hex')}.${extension}`);
    },
    register(path, fileName, contentType) {
      const id = randomBytes(32).toString('base64url');
      const expiresAt = now().getTime() + ttlMs;
      const timer = setTimeout(() => {
        forget(id);
        void rm(path, { force: true });
      }, ttlMs);
      timer.unref();
      pending.set(id, { path, fileName, contentType, expiresAt, timer });
      return { url: `${DOWNLOADS_PATH}${id}`, expiresAt: new Date(expiresAt).toISOString() };
    },
    take(id) {
      if (!ID.test(id)) return undefined;
      const entry = pending.get(id);
      if (!entry) return undefined;
      forget(id);
      if (now().getTime() > entry.expiresAt) {
        void rm(entry.path, { force: true });
        return undefined;
      }
      return { path: entry.path, fileName: entry.fileName, contentType: entry.contentType };
    },
    clearLeftovers: () => open(),
    async close() {
      const paths = [...pending.values()].map((entry) => entry.path);
      for (const id of [...pending.keys()]) forget(id);
      await Promise.all(paths.map((path) => rm(path, { force: true })));
    },
  };
}

/** RFC 6266: an ASCII fallback name plus the exact name in UTF-8. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export interface DownloadServices {
  downloads?: Downloads;
  /** A locked console hands out no file, even with a valid link. */
  isLocked(): Promise<boolean>;
}

const gone: ErrorPayload = { code: 'not_found', message: 'This download link has expired or was already used. Export the file again.' };

/** GET /downloads/<id>: the file as an attachment, once; then it is deleted. */
export function downloadsRoute(options: { services: () => DownloadServices }): ExtraRoute {
  return {
    method: 'GET',
    path: DOWNLOADS_PATH,
    prefix: true,
    async handler(req: IncomingMessage, _body: Buffer, res: ServerResponse) {
      const services = options.services();
      if (await services.isLocked()) {
        return sendError(res, new AppError('locked', 'The console is locked. Unlock it to download files.').toPayload());
      }
      const id = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.slice(DOWNLOADS_PATH.length);
      const file = services.downloads?.take(id);
      if (!file) return sendError(res, gone);
      try {
        const { size } = await stat(file.path);
        res.writeHead(200, {
          ...BASE_HEADERS,
          'Cache-Control': 'no-store',
          'Content-Type': file.contentType,
          'Content-Length': String(size),
          'Content-Disposition': contentDisposition(file.fileName),
        });
        await pipeline(createReadStream(file.path), res);
      } catch {
        if (!res.headersSent) sendError(res, gone);
        else res.destroy();
      } finally {
        await rm(file.path, { force: true });
      }
    },
  };
}
