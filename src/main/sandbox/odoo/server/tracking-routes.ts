import type { ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Env, type Database } from '../orm/env';
import { redirectedUrl } from '../models/tracking-links';
import { markClicked, markOpened, trackingToken } from '../tracking';
import { send } from './responses';

const BLANK_GIF = Buffer.from('R0lGODlhAQABAIAAANvf7wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const UNAUTHORIZED_PAGE =
  "<!doctype html>\n<html lang=en>\n<title>401 Unauthorized</title>\n<h1>Unauthorized</h1>\n<p>The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn&#39;t understand how to supply the credentials required.</p>\n";

/** The recipient-facing routes: open pixel (odoo18-wire/120, 123) and click redirect (121, 122). */
export async function trackingRoutes(db: Database, path: string, res: ServerResponse): Promise<boolean> {
  const env = new Env(db, 1);
  const pixel = /^\/mail\/track\/(\d+)\/([^/]+)\/blank\.gif$/.exec(path);
  if (pixel) {
    const mailId = Number(pixel[1]);
    const expected = Buffer.from(trackingToken(env, mailId));
    const given = Buffer.from(pixel[2] as string);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      send(res, 401, 'text/html; charset=utf-8', UNAUTHORIZED_PAGE);
      return true;
    }
    for (const traceId of env.store('mailing.trace').lookup('mail_mail_id_int', mailId) ?? []) markOpened(env, traceId, db.services.now());
    send(res, 200, 'image/gif', BLANK_GIF);
    return true;
  }
  const click = /^\/r\/([A-Za-z0-9]+)(?:\/m\/(\d+))?\/?$/.exec(path);
  if (!click) return false;
  const [trackerId] = env.store('link.tracker').lookup('code', click[1] as string) ?? [];
  const tracker = trackerId === undefined ? undefined : env.browse('link.tracker', trackerId);
  if (!tracker) return false;
  if (click[2] && env.browse('mailing.trace', Number(click[2]))) markClicked(env, Number(click[2]), String(tracker.url), db.services.now(), '127.0.0.1');
  const target = redirectedUrl(env, tracker);
  const escaped = target.replace(/&/g, '&amp;');
  send(
    res,
    301,
    'text/html; charset=utf-8',
    `<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="${escaped}">${escaped}</a>. If not, click the link.\n`,
    { Location: target },
  );
  return true;
}
