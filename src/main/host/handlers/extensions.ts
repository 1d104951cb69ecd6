import { AppError } from '../../../shared/errors';
import type { AppContract } from '../../../shared/contract';
import type { extensionOps } from '../../../shared/ops/extensions';
import type { Handlers } from '../../../shared/rpc';
import { BATCH_SIZE, ensureStoreExtension, summarize, type RowReport } from '../../core/extensions';
import { parseSubscriberCsv } from '../../core/extensions/csv';
import { runSetup } from '../../core/setup/setup';
import { syncSuppressions } from '../../core/suppressions';
import type { Services } from '../services';

type ExtensionServices = Pick<Services, 'odoo' | 'extensions' | 'sendgrid' | 'sendgridApiKey' | 'stores' | 'delivery'>;

/** An extension of another store is as good as missing: ids are never a way into someone else's data. */
async function storeExtension(s: ExtensionServices, storeId: string, extensionId: string) {
  const record = await s.extensions.registry.get(extensionId);
  if (!record || record.storeId !== storeId) throw new AppError('not_found', `The store "${storeId}" has no extension ${extensionId}.`, { storeId, extensionId });
  return record;
}

function requireSendgrid(s: ExtensionServices) {
  if (!s.sendgrid) throw new AppError('sendgrid.not_configured', 'Add a SendGrid API key to this profile first (Settings → Profile).');
  return s.sendgrid;
}

function rowsOf(output: unknown): RowReport[] {
  return (output as { rows?: RowReport[] } | undefined)?.rows ?? [];
}

export const extensionHandlers: Pick<Handlers<AppContract, ExtensionServices>, keyof typeof extensionOps> = {
  'extensions.list': async ({ storeId }, s) => ({ extensions: await s.extensions.registry.list(storeId) }),
  'extensions.add': ({ storeId, record }, s) => s.extensions.registry.add(storeId, record),
  'extensions.update': async ({ storeId, extensionId, ...patch }, s) => {
    await storeExtension(s, storeId, extensionId);
    return s.extensions.registry.update(extensionId, patch);
  },
  'extensions.remove': async ({ storeId, extensionId }, s) => {
    await storeExtension(s, storeId, extensionId);
    return { removed: await s.extensions.registry.remove(extensionId) };
  },
  'extensions.run': async ({ storeId, extensionId, entity }, s, ctx) => {
    const record = await storeExtension(s, storeId, extensionId);
    const trigger = record.triggers[0] ?? 'trigger:manual';
    return s.extensions.runner.run(record, trigger, entity, ctx.signal);
  },
  'subscribers.add': async ({ storeId, list_id, ...subscriber }, s, ctx) => {
    const record = await ensureStoreExtension(s.extensions.registry, s.odoo, storeId, 'markket:odoo:newsletter', list_id);
    const outcome = await s.extensions.runner.run(record, 'trigger:new_subscriber', { ...subscriber, source: 'signup' }, ctx.signal);
    if (outcome.error) throw new AppError(outcome.error.code as ConstructorParameters<typeof AppError>[0], outcome.error.message, { extensionId: record.id });
    const [row] = rowsOf(outcome.output);
    if (!row) throw new AppError('internal', 'The newsletter extension gave no report for the subscriber.');
    return { extension_id: record.id, row };
  },
  'subscribers.import': async ({ storeId, csv, list_id }, s, ctx) => {
    const subscribers = parseSubscriberCsv(csv);
    ctx.emit({ phase: 'parsed', done: 0, total: subscribers.length });
    const record = await ensureStoreExtension(s.extensions.registry, s.odoo, storeId, 'markket:odoo:newsletter', list_id);
    const rows: RowReport[] = [];
    // One run per 1,000 rows: the caller sees progress, and each run stays a fixed handful of calls.
    for (let start = 0; start < subscribers.length; start += BATCH_SIZE) {
      if (ctx.signal.aborted) throw new AppError('cancelled', `The import was stopped after ${start} rows; those rows are in Odoo.`, { done: start });
      const outcome = await s.extensions.runner.run(record, 'trigger:new_subscriber', { subscribers: subscribers.slice(start, start + BATCH_SIZE) }, ctx.signal);
      if (outcome.error) throw new AppError(outcome.error.code as ConstructorParameters<typeof AppError>[0], outcome.error.message, { done: start });
      // CSV rows count from 2: row 1 is the header.
      rows.push(...rowsOf(outcome.output).map((r) => ({ ...r, row: r.row + start + 1 })));
      ctx.emit({ phase: 'syncing', done: Math.min(start + BATCH_SIZE, subscribers.length), total: subscribers.length });
    }
    ctx.emit({ phase: 'done', done: subscribers.length, total: subscribers.length });
    return { extension_id: record.id, counts: summarize(rows), rows };
  },
  'setup.check': ({ storeId, storeName }, s) => runSetup(s.odoo, { storeId, storeName: storeName ?? s.stores.find((x) => x.id === storeId)?.name ?? storeId, apply: false, sendgridApiKey: s.sendgridApiKey(), delivery: s.delivery }),
  'setup.apply': ({ storeId, storeName }, s) => runSetup(s.odoo, { storeId, storeName: storeName ?? s.stores.find((x) => x.id === storeId)?.name ?? storeId, apply: true, sendgridApiKey: s.sendgridApiKey(), delivery: s.delivery }),
  'suppressions.sync': (_input, s) => syncSuppressions({ sendgrid: requireSendgrid(s), odoo: s.odoo }),
};
