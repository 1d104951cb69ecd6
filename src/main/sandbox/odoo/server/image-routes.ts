import type { ServerResponse } from 'node:http';
import { Env, type Database } from '../orm/env';
import { OdooError } from '../errors';
import { checkAttachmentAccess } from '../models/attachment';
import { PUBLIC_UID } from '../models/unsubscribe';
import { send } from './responses';

// A 1×1 grey PNG in place of web/static/img/placeholder.png (ir_binary.DEFAULT_PLACEHOLDER_PATH).
const PLACEHOLDER = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4CwAA3wDeKXlwtgAAAABJRU5ErkJggg==', 'base64');

// /web/image/<int:id>[-<unique>][/<w>x<h>][/<filename>] and /web/image/ir.attachment/<int:id>/<field>[...]
// (web/controllers/binary.py content_image); /web/content/<int:id>[/<filename>] (content_common).
const IMAGE = /^\/web\/image\/(?:(\d+)(?:-[^/]+)?|ir\.attachment\/(\d+)\/(raw|datas))(?:\/[^/]*)*$/;
const CONTENT = /^\/web\/content\/(?:(\d+)|ir\.attachment\/(\d+)\/(raw|datas))(?:\/[^/]*)?$/;

/**
 * The attachment the request may stream (ir_binary._find_record): a missing record is MissingError;
 * an access token must equal the attachment's (_can_return_content, compared in constant time by
 * consteq), then the file is served whatever the user; a public file is served to anyone; otherwise
 * the requester (a session's user, or the public user) needs read access to it.
 */
function findRecord(db: Database, id: number, token: string | null, uid: number): Record<string, unknown> | 'denied' | 'missing' {
  const rec = db.store('ir.attachment').records.get(id);
  if (!rec) return 'missing';
  if (token) return rec.access_token === token ? rec : 'denied';
  if (rec.public === true) return rec;
  try {
    checkAttachmentAccess(new Env(db, uid), [rec], 'read');
    return rec;
  } catch (error) {
    if (error instanceof OdooError) return 'denied';
    throw error;
  }
}

function stream(res: ServerResponse, rec: Record<string, unknown>, image: boolean, download: boolean): void {
  const bytes = Buffer.from(typeof rec.db_datas === 'string' ? rec.db_datas : '', 'base64');
  const mimetype = typeof rec.mimetype === 'string' && rec.mimetype ? rec.mimetype : image ? 'image/png' : 'application/octet-stream';
  // _get_image_stream_from: an empty file is the placeholder; a file that is not an image goes out as bytes.
  if (image && bytes.length === 0) return placeholder(res);
  const type = image && !mimetype.startsWith('image/') ? 'application/octet-stream' : mimetype;
  const name = typeof rec.name === 'string' ? rec.name : `ir_attachment-${String(rec.id)}-raw`;
  send(res, 200, type, bytes, {
    'Cache-Control': `${rec.public === true ? 'public' : 'private'}, max-age=0`,
    'Content-Disposition': `${download ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(name)}`,
    'X-Content-Type-Options': 'nosniff',
    ...(typeof rec.checksum === 'string' ? { ETag: `"${rec.checksum}"` } : {}),
  });
}

function placeholder(res: ServerResponse): void {
  send(res, 200, 'image/png', PLACEHOLDER, { 'Cache-Control': 'private, max-age=0', 'X-Content-Type-Options': 'nosniff' });
}

const NOT_FOUND = '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';

/**
 * Odoo's file routes for attachments (auth="public"). /web/image answers a UserError (no such
 * record, a wrong token, no access) with the placeholder image, 200, unless download is asked,
 * which is a 404; /web/content answers every such error with 404.
 */
export function imageRoutes(db: Database, url: URL, sessionUid: number | null, res: ServerResponse): boolean {
  const image = IMAGE.exec(url.pathname);
  const content = image ? null : CONTENT.exec(url.pathname);
  const match = image ?? content;
  if (!match) return false;
  const id = Number(match[1] ?? match[2]);
  const download = ['1', 'true', 'True'].includes(url.searchParams.get('download') ?? '');
  const found = findRecord(db, id, url.searchParams.get('access_token'), sessionUid ?? PUBLIC_UID);
  if (typeof found === 'string') {
    if (image && !download) placeholder(res);
    else send(res, 404, 'text/html; charset=utf-8', NOT_FOUND);
    return true;
  }
  stream(res, found, !!image, download);
  return true;
}
