import { z } from 'zod';
import { AppError } from '../errors';
import { EmailDocument, type EmailDocumentIn } from './document';

const BLOCK_NAMES: Record<string, string> = {
  heading: 'heading', text: 'text', image: 'image', button: 'button', divider: 'divider', spacer: 'spacer', columns: 'two columns',
};

function blockAt(value: unknown, index: number): { id?: string; type?: string } {
  if (typeof value !== 'object' || value === null) return {};
  const blocks = (value as { blocks?: unknown }).blocks;
  const block: unknown = Array.isArray(blocks) ? blocks[index] : undefined;
  if (typeof block !== 'object' || block === null) return {};
  const { id, type } = block as { id?: unknown; type?: unknown };
  return { ...(typeof id === 'string' ? { id } : {}), ...(typeof type === 'string' ? { type } : {}) };
}

/** "Block 3 (image)" for a problem inside blocks[2]; "The footer" / "The settings" elsewhere. */
export function describePlace(value: unknown, path: readonly PropertyKey[]): { where: string; block?: { index: number; id?: string; type?: string } } {
  if (path[0] === 'blocks' && typeof path[1] === 'number') {
    const found = blockAt(value, path[1]);
    const name = found.type ? BLOCK_NAMES[found.type] ?? found.type : undefined;
    const column = path[2] === 'columns' && typeof path[3] === 'number' ? `, column ${path[3] + 1}` : '';
    const inner = column && path[4] === 'blocks' && typeof path[5] === 'number' ? `, block ${path[5] + 1}` : '';
    return { where: `Block ${path[1] + 1}${name ? ` (${name})` : ''}${column}${inner}`, block: { index: path[1], ...found } };
  }
  if (path[0] === 'footer') return { where: 'The footer' };
  if (path[0] === 'settings') return { where: 'The settings' };
  return { where: 'The email' };
}

/**
 * Parses a document and, when it is malformed, says which block is wrong in words the editor can
 * show ("Block 3 (image): alt — needs alt text"), with every problem's path in details.
 */
export function parseEmailDocument(value: unknown): EmailDocument {
  const parsed = EmailDocument.safeParse(value);
  if (parsed.success) return checkIds(parsed.data);
  const fields = parsed.error.issues.map((issue) => {
    const place = describePlace(value, issue.path);
    return { field: ['document', ...issue.path.map(String)].join('.'), problem: issue.message, where: place.where, ...(place.block ? { block: place.block } : {}) };
  });
  const first = fields[0]!;
  const leaf = first.field.split('.').slice(-1)[0];
  throw new AppError('input.invalid', `${first.where}: ${leaf} — ${first.problem}${fields.length > 1 ? ` (and ${fields.length - 1} more)` : ''}.`, { fields });
}

/** Block ids are how the editor and the error messages point at a block: two alike would be ambiguous. */
function checkIds(doc: EmailDocument): EmailDocument {
  const seen = new Set<string>();
  const ids = doc.blocks.flatMap((b) => (b.type === 'columns' ? [b.id, ...b.columns.flatMap((c) => c.blocks.map((x) => x.id))] : [b.id]));
  for (const id of ids) {
    if (seen.has(id)) throw new AppError('input.invalid', `Two blocks have the id "${id}". Each block needs its own id.`, { fields: [{ field: 'document.blocks', problem: `duplicate id ${id}` }] });
    seen.add(id);
  }
  return doc;
}

/**
 * The document as an operation's input: typed as the document for callers, checked by
 * parseEmailDocument so a malformed one is an input.invalid naming the block, never a 500.
 */
export const EmailDocumentInput = z.custom<EmailDocumentIn>(() => true).transform((value, ctx): EmailDocument => {
  try {
    return parseEmailDocument(value);
  } catch (error) {
    const details = error instanceof AppError ? (error.details?.fields as { field: string; problem: string; where?: string }[] | undefined) : undefined;
    for (const f of details ?? [{ field: 'document', problem: 'is not an email document' }]) {
      ctx.addIssue({ code: 'custom', message: f.where ? `${f.where}: ${f.problem}` : f.problem, path: f.field.split('.').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p)) });
    }
    return z.NEVER;
  }
});
