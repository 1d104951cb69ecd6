import { basename, isAbsolute } from 'node:path';
import type { z } from 'zod';
import type { AppContract } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ExportOutput, exportOps } from '../../../shared/ops/exports';
import type { Handlers } from '../../../shared/rpc';
import type { ExportResult } from '../../../shared/schemas/export';
import {
  ALL_RECIPIENT_COLUMNS, ALL_SUBSCRIBER_COLUMNS, campaignEngagement, campaignRecipientSource, exportSummaryPdf, exportTable, pickColumns,
  exportBaseName, recipientColumns, reportTitle, subscriberColumns, subscriberSource,
} from '../../core/export';
import type { LocalServices } from '../local-runtime';
import type { Services } from '../services';
import { resolveSelection } from './export-selection';
import { requireLocal } from './local-common';

type ExportServices = Pick<Services, 'local' | 'odoo' | 'marketing' | 'now' | 'desktop'>;

export const PERSONAL_DATA_WARNING =
  'This file contains personal data (email addresses, names and engagement). Share it only with people entitled to it, keep it somewhere safe and delete it when you no longer need it.';

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  zip: 'application/zip',
};

interface Destination {
  path?: string | undefined;
  encrypted?: boolean | undefined;
  password?: string | undefined;
}

interface Target {
  path: string;
  fileName: string;
  download: boolean;
  password?: string;
}

/**
 * Where the report goes. Encryption defaults on for a HIPAA profile; an encrypted report is a
 * ZIP whatever name was chosen. Without a path (browser mode) the file goes to the profile's
 * downloads folder and is handed out once.
 */
/** A path is accepted only as the save dialog returned it (desktop), once; browser mode takes none. */
export function chosenPath(s: Pick<Services, 'desktop'>, path: string): string {
  if (!isAbsolute(path) || !s.desktop?.consumeChosenPath?.(path)) {
    throw new AppError('input.invalid', 'Choose where to save the file with the save dialog.', { fields: [{ field: 'path', problem: 'was not chosen in the save dialog' }] });
  }
  return path;
}

async function targetFor(s: ExportServices, local: LocalServices, dest: Destination, baseName: string, extension: string, now: Date): Promise<Target> {
  const encrypted = dest.encrypted ?? local.hipaa;
  if (encrypted && !dest.password) {
    throw new AppError('input.invalid', 'Choose a password for the encrypted export (you will need it to open the file).', { fields: [{ field: 'password', problem: 'is required for an encrypted export' }] });
  }
  const password = encrypted ? { password: dest.password as string } : {};
  const finalExtension = encrypted ? `${extension}.zip` : extension;
  if (dest.path) {
    const chosen = chosenPath(s, dest.path);
    const path = encrypted && !chosen.toLowerCase().endsWith('.zip') ? `${chosen}.zip` : chosen;
    return { path, fileName: basename(path), download: false, ...password };
  }
  const path = await local.downloads.tempPath(encrypted ? 'zip' : extension);
  return { path, fileName: `${baseName}-${now.toISOString().slice(0, 10)}.${finalExtension}`, download: true, ...password };
}

/** A save-dialog destination is outside the data folder: its temp is noted until renamed (TempJournal). */
function journalFor(local: LocalServices, target: Target): { journal?: LocalServices['tempJournal'] } {
  return target.download ? {} : { journal: local.tempJournal };
}

function answer(local: LocalServices, target: Target, result: ExportResult): z.input<typeof ExportOutput> {
  const kind = result.encrypted ? 'zip' : result.format;
  return {
    format: result.format,
    rows: result.rows,
    bytes: result.bytes,
    encrypted: result.encrypted,
    fileName: target.fileName,
    path: target.download ? null : target.path,
    download: target.download ? local.downloads.register(target.path, target.fileName, CONTENT_TYPES[kind] ?? 'application/octet-stream') : null,
    warning: PERSONAL_DATA_WARNING,
  };
}

/** Subscriber and recipient reports, streamed from Odoo with progress; a cancel leaves no file behind. */
export const exportHandlers: Pick<Handlers<AppContract, ExportServices>, keyof typeof exportOps> = {
  'export.subscribers': async (input, s, ctx) => {
    const local = requireLocal(s);
    const { list, domain } = await resolveSelection(s.odoo, input);
    const filters = { segment: input.segment, search: input.search, tag: input.tag, status: input.status };
    const target = await targetFor(s, local, input, exportBaseName('subscribers', list, local.hipaa, filters), input.format, s.now());
    // A report made from a filtered view says so in its title and sheet, so nobody takes it for the whole list.
    const title = reportTitle('Subscriber report', filters, local.hipaa);
    const source = await subscriberSource({ odoo: s.odoo, listId: list.id, domain });
    const common = { path: target.path, signal: ctx.signal, onProgress: ctx.emit, ...(target.password ? { password: target.password } : {}), ...journalFor(local, target) };
    const result =
      input.format === 'pdf'
        ? await exportSummaryPdf({
            ...common,
            rows: { columns: pickColumns(subscriberColumns, ALL_SUBSCRIBER_COLUMNS), ...source },
            title,
            listName: list.name,
            campaigns: await campaignEngagement({ odoo: s.odoo, listId: list.id }),
            now: s.now,
          })
        : await exportTable({ ...common, format: input.format, bom: input.csvBom, sheetName: title === 'Subscriber report' ? 'Subscribers' : 'Subscribers (filtered)', title, table: { columns: pickColumns(subscriberColumns, input.columns ?? ALL_SUBSCRIBER_COLUMNS), ...source } });
    await local.record({
      action: 'export.created',
      details: {
        what: 'subscribers', storeId: input.storeId, listId: list.id, format: input.format, rows: result.rows, encrypted: result.encrypted,
        where: target.download ? 'browser download' : target.path,
        // Which filters, not their text: a search may be a person's name.
        filters: { segment: input.segment ?? null, tag: input.tag ?? null, status: input.status ?? null, search: Boolean(input.search) },
      },
    });
    return answer(local, target, result);
  },
  'export.campaignRecipients': async (input, s, ctx) => {
    const local = requireLocal(s);
    const campaign = await s.marketing.getCampaign(input.storeId, input.campaignId);
    const target = await targetFor(s, local, input, exportBaseName('recipients', { id: campaign.odoo_campaign_id, name: campaign.subject }, local.hipaa), input.format, s.now());
    const source = await campaignRecipientSource({ odoo: s.odoo, mailingId: campaign.odoo_campaign_id });
    const result = await exportTable({
      path: target.path, signal: ctx.signal, onProgress: ctx.emit, ...(target.password ? { password: target.password } : {}), ...journalFor(local, target),
      format: input.format, bom: input.csvBom, sheetName: 'Recipients',
      table: { columns: pickColumns(recipientColumns, input.columns ?? ALL_RECIPIENT_COLUMNS), ...source },
    });
    await local.record({
      action: 'export.created',
      details: { what: 'campaign recipients', storeId: input.storeId, campaignId: input.campaignId, format: input.format, rows: result.rows, encrypted: result.encrypted, where: target.download ? 'browser download' : target.path },
    });
    return answer(local, target, result);
  },
  // The Electron transport answers this with dialog.showSaveDialog; served anywhere else there is no dialog.
  'export.chooseDestination': async ({ suggestedName }, s) =>
    s.desktop ? { available: true, path: await s.desktop.chooseSavePath(suggestedName) } : { available: false, path: null },
};
