import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LOCAL_IMAGE, type EmailDocument } from '../../../shared/email/document';
import { parseRecords, type OdooClient } from '../odoo';

type Block = EmailDocument['blocks'][number];

/** Every image block of the document, columns included, in reading order. */
function imageSources(document: EmailDocument): string[] {
  const out: string[] = [];
  const visit = (block: Block | EmailDocument['blocks'][number]): void => {
    if (block.type === 'image') out.push(block.src);
    if (block.type === 'columns') for (const column of block.columns) column.blocks.forEach(visit);
  };
  document.blocks.forEach(visit);
  return out;
}

/** Whether the document holds images added on this computer that Odoo does not have yet. */
export function hasLocalImages(document: EmailDocument): boolean {
  return imageSources(document).some((src) => LOCAL_IMAGE.test(src));
}

function withSources(document: EmailDocument, urls: ReadonlyMap<string, string>): EmailDocument {
  const swap = <B extends Block>(block: B): B => {
    if (block.type === 'image') return { ...block, src: urls.get(block.src) ?? block.src };
    if (block.type === 'columns') return { ...block, columns: [{ blocks: block.columns[0].blocks.map(swap) }, { blocks: block.columns[1].blocks.map(swap) }] };
    return block;
  };
  return { ...document, blocks: document.blocks.map(swap) };
}

const Attachment = z.object({ id: z.number().int().positive(), checksum: z.union([z.string(), z.literal(false)]) });
const Tokens = z.array(z.string().min(1));

/**
 * Uploads the images added on this computer to the mailing as Odoo's own mailing editor does
 * (mass_mailing/models/mailing.py _create_attachments_from_inline_images, Odoo 16–19): one
 * ir.attachment per distinct image on the mailing (res_model mailing.mailing, res_id its id,
 * named image_mailing_<id>_<n>, not public), an attachment of the mailing with the same SHA-1
 * checksum reused instead of a second upload, and each image linked as
 * /web/image/<id>?access_token=<token> (generate_access_token keeps a token once made). The mail
 * then links to the Odoo and never carries the image inline; Odoo makes the link absolute when it
 * sends (mail.render.mixin._replace_local_links).
 *
 * Answers the document with those links in place of the local images; a document without local
 * images costs no call.
 */
export async function uploadLocalImages(odoo: OdooClient, mailingId: number, document: EmailDocument): Promise<EmailDocument> {
  const local = [...new Set(imageSources(document).filter((src) => LOCAL_IMAGE.test(src)))];
  if (!local.length) return document;
  const images = local.map((src) => {
    const base64 = LOCAL_IMAGE.exec(src)?.[2] ?? '';
    return { src, base64, checksum: createHash('sha1').update(Buffer.from(base64, 'base64')).digest('hex') };
  });
  const rows = await odoo.searchRead('ir.attachment', [['res_model', '=', 'mailing.mailing'], ['res_id', '=', mailingId]], ['checksum'], { order: 'id' });
  const existing = parseRecords(Attachment, rows, 'ir.attachment');
  const byChecksum = new Map<string, number>();
  for (const row of existing) if (row.checksum && !byChecksum.has(row.checksum)) byChecksum.set(row.checksum, row.id);
  const known = byChecksum.size; // Odoo numbers new images after the distinct ones the mailing has
  const missing = images.filter((image, i) => !byChecksum.has(image.checksum) && images.findIndex((other) => other.checksum === image.checksum) === i);
  if (missing.length) {
    const ids = await odoo.createMany(
      'ir.attachment',
      missing.map((image, n) => ({ name: `image_mailing_${mailingId}_${known + n}`, datas: image.base64, type: 'binary', res_model: 'mailing.mailing', res_id: mailingId })),
    );
    missing.forEach((image, n) => byChecksum.set(image.checksum, ids[n] as number));
  }
  const attachmentIds = images.map((image) => byChecksum.get(image.checksum) as number);
  const distinct = [...new Set(attachmentIds)];
  const tokens = Tokens.parse(await odoo.call('ir.attachment', 'generate_access_token', distinct));
  const tokenOf = new Map(distinct.map((id, i) => [id, tokens[i]]));
  const urls = new Map(images.map((image, i) => {
    const id = attachmentIds[i] as number;
    return [image.src, `/web/image/${id}?access_token=${tokenOf.get(id) ?? ''}`];
  }));
  return withSources(document, urls);
}
