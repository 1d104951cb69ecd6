import { AppError } from '../../../shared/errors';
import type { AppContract } from '../../../shared/contract';
import type { extensionOps } from '../../../shared/ops/extensions';
import type { Handlers } from '../../../shared/rpc';
import { BATCH_SIZE, ensureStoreExtension, summarize, type RowReport } from '../../core/extensions';
import { readSubscriberFile } from '../../core/extensions/csv';
import { importFields } from '../../core/extensions/import-fields';
import { addStoreOwner } from '../../core/setup/store-owners';
import { runSetup } from '../../core/setup/setup';
import { syncSuppressions } from '../../core/suppressions';
import type { Services } from '../services';

type ExtensionServices = Pick<Services, 'odoo' | 'extensions' | 'sendgrid' | 'sendgridApiKey' | 'stores' | 'delivery'>;

/** An extension of another store is as good as missing: ids are never a way into someone else's data. */
async function storeExtension(s: ExtensionServices, storeId: string, extensionId: string) {
  const record = await s.extensions.registry.get(extensionId);
  if (!record || record.storeId !== storeId) throw new AppError('not_found', 'This store has no such extension; it may have been removed. Reload the extensions and try again.', { storeId, extensionId });
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
  'subscribers.importFields': async (_input, s) => ({ fields: await importFields(s.odoo) }),
  'subscribers.import': async ({ storeId, csv, columns, list_id }, s, ctx) => {
    const file = readSubscriberFile(csv, { ...(columns ? { columns } : {}), fields: await importFields(s.odoo) });
    const { subscribers } = file;
    ctx.emit({ phase: 'parsed', done: 0, total: file.rows });
    const record = await ensureStoreExtension(s.extensions.registry, s.odoo, storeId, 'markket:odoo:newsletter', list_id);
    const rows: RowReport[] = [...file.refused];
    // One run per 1,000 rows: the caller sees progress, and each run stays a fixed handful of calls.
    // Rows carry their spreadsheet row numbers, so the reports need no renumbering.
    for (let start = 0; start < subscribers.length; start += BATCH_SIZE) {
      if (ctx.signal.aborted) throw new AppError('cancelled', `The import was stopped after ${start} rows; those rows are in Odoo.`, { done: start });
      const outcome = await s.extensions.runner.run(record, 'trigger:new_subscriber', { subscribers: subscribers.slice(start, start + BATCH_SIZE) }, ctx.signal);
      if (outcome.error) throw new AppError(outcome.error.code as ConstructorParameters<typeof AppError>[0], outcome.error.message, { done: start });
      rows.push(...rowsOf(outcome.output));
      ctx.emit({ phase: 'syncing', done: file.refused.length + Math.min(start + BATCH_SIZE, subscribers.length), total: file.rows });
    }
    ctx.emit({ phase: 'done', done: file.rows, total: file.rows });
    rows.sort((a, b) => a.row - b.row);
    return { extension_id: record.id, counts: summarize(rows), rows, blank_lines: file.blankLines };
  },
  'setup.check': ({ storeId, storeName, isolate }, s) => runSetup(s.odoo, { storeId, storeName: storeName ?? s.stores.find((x) => x.id === storeId)?.name ?? storeId, apply: false, sendgridApiKey: s.sendgridApiKey(), delivery: s.delivery, isolate: isolate === true }),
  'setup.apply': ({ storeId, storeName, isolate }, s) => runSetup(s.odoo, { storeId, storeName: storeName ?? s.stores.find((x) => x.id === storeId)?.name ?? storeId, apply: true, sendgridApiKey: s.sendgridApiKey(), delivery: s.delivery, isolate: isolate === true }),
  'setup.addStoreOwner': ({ storeId, storeName, login, name, email, invite }, s) =>
    addStoreOwner(s.odoo, { storeId, storeName: storeName ?? s.stores.find((x) => x.id === storeId)?.name ?? storeId, login, name, email, invite: invite === true, odooUrl: s.odoo.settings.url, database: s.odoo.settings.database }),
  'suppressions.sync': (_input, s) => syncSuppressions({ sendgrid: requireSendgrid(s), odoo: s.odoo }),
};
