import { createHash, randomUUID } from 'node:crypto';
import { accessError } from '../errors';
import { search, write } from '../orm/crud';
import type { DomainNode } from '../orm/domain';
import type { Env } from '../orm/env';
import { field, magicFields } from '../orm/field-helpers';
import type { ModelSpec } from '../orm/model';
import { checkRecordRules } from '../orm/record-rules';
import type { Rec } from '../orm/types';
import { inRightsGroups } from './security';

/**
 * ir.attachment as base/models/ir_attachment.py has it (Odoo 18 and 19), for the files a mailing's
 * body links to (mass_mailing's _create_attachments_from_inline_images). The content is kept the
 * way the "db" storage keeps it (db_datas); `datas` and `raw` are computed from it and written
 * through it. checksum (SHA-1 of the bytes), file_size and mimetype are computed on every write of
 * the content, whatever the caller sends for them.
 *
 * Access (_check_access / _search): a public attachment is readable by anyone; one linked to a
 * record (res_model, res_id) follows that record, reading it to read the file and writing it to
 * create, change or delete the file; one linked to nothing belongs to its creator (and to
 * administrators).
 */
export const SUPERUSER_ID = 1;
const SETTINGS = 'Administration/Settings';
const DENIED = 'Sorry, you are not allowed to access this document.';

/** odoo/tools/mimetypes.py guess_mimetype, for the image formats a mail carries (magic bytes first). */
export function guessMimetype(bytes: Buffer): string {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = bytes.subarray(0, 12).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'image/gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'image/webp';
  if (head.startsWith('%PDF')) return 'application/pdf';
  return bytes.length && /^[\t\n\r\x20-\x7e]*$/.test(bytes.subarray(0, 1024).toString('latin1')) ? 'text/plain' : 'application/octet-stream';
}

/** _compute_mimetype: the one given, else from the name's extension, else from the content. */
function mimetypeOf(vals: Record<string, unknown>, bytes: Buffer): string {
  if (typeof vals.mimetype === 'string' && vals.mimetype) return vals.mimetype.toLowerCase();
  const ext = typeof vals.name === 'string' ? /\.([A-Za-z0-9]+)$/.exec(vals.name)?.[1]?.toLowerCase() : undefined;
  const byName: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', pdf: 'application/pdf', txt: 'text/plain' };
  return (ext && byName[ext]) ?? guessMimetype(bytes);
}

/** What create() and write() do with datas/raw: the bytes and the fields computed from them. */
function contentValues(vals: Record<string, unknown>): void {
  for (const computed of ['file_size', 'checksum', 'store_fname']) delete vals[computed];
  if (!('datas' in vals) && !('raw' in vals)) return;
  const datas = vals.datas;
  const raw = vals.raw;
  delete vals.datas;
  delete vals.raw;
  const bytes = typeof raw === 'string' && raw ? Buffer.from(raw, 'utf8') : typeof datas === 'string' ? Buffer.from(datas, 'base64') : Buffer.alloc(0);
  Object.assign(vals, {
    db_datas: bytes.toString('base64'),
    file_size: bytes.length,
    checksum: createHash('sha1').update(bytes).digest('hex'),
    mimetype: mimetypeOf(vals, bytes),
  });
}

function isSystem(env: Env): boolean {
  return env.uid === SUPERUSER_ID || inRightsGroups(env, [SETTINGS]);
}

/** _inaccessible_comodel_records: may the user `mode` the record an attachment hangs on? */
function canReach(env: Env, model: unknown, id: unknown, mode: 'read' | 'write'): boolean {
  if (env.uid === SUPERUSER_ID || typeof model !== 'string' || !model || typeof id !== 'number' || !id) return true;
  if (!env.db.has(model)) return false;
  const store = env.store(model);
  const rights = store.spec.rights;
  if (rights && !inRightsGroups(env, mode === 'read' ? rights.readGroups : rights.writeGroups)) return false;
  const rec = store.records.get(id);
  if (!rec) return false;
  try {
    checkRecordRules(env, model, [rec], mode);
    return true;
  } catch {
    return false;
  }
}

/** _check_access for records already there: create and unlink are checked as write on the linked record. */
export function checkAttachmentAccess(env: Env, recs: Rec[], mode: 'read' | 'write' | 'create' | 'unlink'): void {
  if (env.uid === SUPERUSER_ID) return;
  const operation = mode === 'read' ? 'read' : 'write';
  const system = isSystem(env);
  for (const rec of recs) {
    if (rec.public === true && operation === 'read') continue;
    if (!system && !rec.res_id && rec.create_uid !== env.uid) throw accessError(DENIED);
    if (!canReach(env, rec.res_model, rec.res_id, operation)) throw accessError(DENIED);
  }
}

/** _search's security domain: public ones, the user's own unlinked ones, and those on records the user reads. */
export function attachmentSearchDomain(env: Env): DomainNode | null {
  if (env.uid === SUPERUSER_ID) return null;
  const leaf = (path: string, op: string, value: unknown): DomainNode => ({ kind: 'leaf', path, op, value }) as DomainNode;
  const unlinked: DomainNode = isSystem(env) ? leaf('res_id', '=', false) : { kind: 'and', children: [leaf('res_id', '=', false), leaf('create_uid', '=', env.uid)] };
  const children: DomainNode[] = [leaf('public', '=', true), unlinked];
  const models = new Set<string>();
  for (const rec of env.store('ir.attachment').records.values()) if (typeof rec.res_model === 'string' && rec.res_model) models.add(rec.res_model);
  for (const model of models) {
    if (!env.db.has(model)) continue;
    const rights = env.store(model).spec.rights;
    if (rights && !inRightsGroups(env, rights.readGroups)) continue;
    children.push({ kind: 'and', children: [leaf('res_model', '=', model), leaf('res_id', 'in', search(env, model, [], { order: 'id' }))] });
  }
  return { kind: 'or', children };
}

export function attachmentModel(): ModelSpec {
  return {
    name: 'ir.attachment',
    description: 'Attachment',
    order: 'id desc',
    indexed: ['res_model', 'checksum'],
    fields: [
      field('name', 'char', 'Name', { required: true }),
      field('description', 'text', 'Description'),
      field('res_model', 'char', 'Resource Model'),
      field('res_field', 'char', 'Resource Field'),
      field('res_id', 'many2one_reference', 'Resource ID'),
      field('type', 'selection', 'Type', { required: true, selection: [['url', 'URL'], ['binary', 'File']] }),
      field('url', 'char', 'Url'),
      field('public', 'boolean', 'Is public document'),
      field('access_token', 'char', 'Access Token'),
      field('raw', 'binary', 'File Content (raw)', { store: false }),
      field('datas', 'binary', 'File Content (base64)', { store: false }),
      field('db_datas', 'binary', 'Database Data'),
      field('store_fname', 'char', 'Stored Filename'),
      field('file_size', 'integer', 'File Size', { readonly: true }),
      field('checksum', 'char', 'Checksum/SHA1', { readonly: true }),
      field('mimetype', 'char', 'Mime Type', { readonly: true }),
      // html_editor (web_editor in 17) adds it; mass_mailing fills it for a cropped copy of an image.
      field('original_id', 'many2one', 'Original (unoptimized, unresized) attachment', { relation: 'ir.attachment' }),
      ...magicFields(),
    ],
    defaults: { type: () => 'binary' },
    access: { check: checkAttachmentAccess, searchDomain: attachmentSearchDomain },
    computes: {
      // A binary field reads as base64 over RPC, raw included.
      datas: (_env, rec) => (typeof rec.db_datas === 'string' ? rec.db_datas : null),
      raw: (_env, rec) => (typeof rec.db_datas === 'string' ? rec.db_datas : null),
    },
    beforeCreate: (env, vals) => {
      contentValues(vals);
      if (!('db_datas' in vals)) contentValues(Object.assign(vals, { datas: '' }));
      if (!canReach(env, vals.res_model, vals.res_id, 'write')) throw accessError(DENIED);
    },
    beforeWrite: (env, recs, vals) => {
      if (vals.res_model || vals.res_id) {
        for (const rec of recs) if (!canReach(env, vals.res_model ?? rec.res_model, vals.res_id ?? rec.res_id, 'write')) throw accessError(DENIED);
      }
      contentValues(vals);
    },
    methods: {
      // Public (no underscore), so callable over RPC; a token once set is kept.
      generate_access_token: {
        kind: 'records',
        params: [],
        run: (env, ids) => {
          const store = env.store('ir.attachment');
          const recs = ids.map((id) => store.records.get(id)).filter((r): r is Rec => !!r);
          return recs.map((rec) => {
            if (typeof rec.access_token === 'string' && rec.access_token) return rec.access_token;
            const token = randomUUID();
            write(env, 'ir.attachment', [rec.id], { access_token: token });
            return token;
          });
        },
      },
    },
  };
}
