import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { OdooClient } from './types';

/** The list <-> contact relation model was renamed in Odoo 17 (odoo18-wire/060 notes the old name). */
export function subscriptionModel(major: number): 'mailing.subscription' | 'mailing.contact.subscription' {
  return major >= 17 ? 'mailing.subscription' : 'mailing.contact.subscription';
}

const TraceStatusField = z.object({ type: z.literal('selection'), selection: z.array(z.tuple([z.string(), z.string()])).min(1) }).loose();

/**
 * The trace_status keys this server knows (18.0: outgoing, process, pending, sent, open, reply,
 * bounce, error, cancel; odoo18-wire/024). Read, not hard-coded, because they differ by version.
 */
export async function traceStatuses(client: OdooClient): Promise<string[]> {
  const fields = await client.fieldsGet('mailing.trace', { allfields: ['trace_status'], attributes: ['type', 'selection'] });
  const parsed = TraceStatusField.safeParse(fields.trace_status);
  if (!parsed.success) {
    throw new AppError('odoo.malformed_response', 'Odoo did not describe the delivery statuses of mailing traces. Is the Email Marketing app installed?', { model: 'mailing.trace', field: 'trace_status' });
  }
  return parsed.data.selection.map(([key]) => key);
}
