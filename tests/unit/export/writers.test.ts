import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_SUBSCRIBER_COLUMNS, pickColumns, subscriberColumns, type SubscriberRow, type Table } from '../../../src/main/core/export/columns';
import { csvCell } from '../../../src/main/core/export/csv';
import { exportSummaryPdf, exportTable } from '../../../src/main/core/export/run';
import type { ExportProgress } from '../../../src/shared/schemas/export';
import { pdfPageCount, pdfText } from '../../support/pdf-text';
import { syntheticSubscribers } from '../../support/synthetic-subscribers';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'markket-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const jane: SubscriberRow = {
  id: 1,
  email: 'jane@example.com',
  name: 'Jane "JJ" Doe, Ph.D.',
  subscribedDate: new Date('2024-05-02T08:15:00Z'),
  tags: ['vip', 'buyer'],
  lists: ['Store A - Newsletter'],
  status: 'active',
  campaignsReceived: 12,
  opened: 7,
  clicked: 2,
  lastOpened: new Date('2025-01-20T17:45:00Z'),
};
const attacker: SubscriberRow = { ...jane, id: 2, email: 'x@example.com', name: '=HYPERLINK("http://evil.example","click")', tags: ['+cmd', '@sum'], status: 'opted_out', lastOpened: null, opened: 0, clicked: 0 };

async function* batchesOf(...batches: SubscriberRow[][]) {
  yield* batches;
}
const tableOf = (rows: SubscriberRow[], keys = ALL_SUBSCRIBER_COLUMNS): Table<SubscriberRow> => ({ columns: pickColumns(subscriberColumns, keys), batches: batchesOf(rows), total: rows.length });

describe('CSV export', () => {
  it('writes a header and RFC 4180 rows with CRLF and quoted quotes and commas', async () => {
    const path = join(dir, 'subscribers.csv');
    await exportTable({ path, format: 'csv', table: tableOf([jane]) });
    expect(await readFile(path, 'utf8')).toBe(
      'Email,Name,Subscribed,Tags,Lists,Status,Campaigns received,Opened,Clicked,Last opened\r\n' +
        'jane@example.com,"Jane ""JJ"" Doe, Ph.D.",2024-05-02 08:15:00,"vip, buyer",Store A - Newsletter,Active,12,7,2,2025-01-20 17:45:00\r\n',
    );
  });

  it('starts with a UTF-8 byte order mark when asked, for Excel', async () => {
    const path = join(dir, 'subscribers.csv');
    await exportTable({ path, format: 'csv', bom: true, table: tableOf([jane], ['email']) });
    expect([...(await readFile(path)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('escapes cells that a spreadsheet would run as formulas', async () => {
    const path = join(dir, 'subscribers.csv');
    await exportTable({ path, format: 'csv', table: tableOf([attacker], ['name', 'tags']) });
    const [, row] = (await readFile(path, 'utf8')).split('\r\n');
    expect(row).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")","'+cmd, @sum"`);
    expect(csvCell('-2+3', 'text')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)', 'text')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd', 'text')).toBe("'\tcmd");
  });

  it('exports only the columns the user picked, in that order', async () => {
    const path = join(dir, 'subscribers.csv');
    await exportTable({ path, format: 'csv', table: tableOf([jane], ['status', 'email']) });
    expect(await readFile(path, 'utf8')).toBe('Status,Email\r\nActive,jane@example.com\r\n');
  });

  it('reports progress per batch with the total', async () => {
    const events: ExportProgress[] = [];
    await exportTable({
      path: join(dir, 's.csv'),
      format: 'csv',
      table: { columns: pickColumns(subscriberColumns, ['email']), batches: syntheticSubscribers(1200, 500), total: 1200 },
      onProgress: (event) => events.push(event),
    });
    expect(events).toEqual([{ rowsDone: 500, total: 1200 }, { rowsDone: 1000, total: 1200 }, { rowsDone: 1200, total: 1200 }]);
  });

  it('leaves no file behind when cancelled midway', async () => {
    const controller = new AbortController();
    const path = join(dir, 'subscribers.csv');
    const run = exportTable({
      path,
      format: 'csv',
      table: { columns: pickColumns(subscriberColumns, ALL_SUBSCRIBER_COLUMNS), batches: syntheticSubscribers(50_000, 500), total: 50_000 },
      signal: controller.signal,
      onProgress: ({ rowsDone }) => rowsDone >= 5_000 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves no file behind when the source fails midway', async () => {
    async function* failing() {
      yield [jane];
      throw new Error('Odoo went away');
    }
    const path = join(dir, 'subscribers.csv');
    await expect(exportTable({ path, format: 'csv', table: { columns: pickColumns(subscriberColumns, ['email']), batches: failing(), total: 2 } })).rejects.toThrow('Odoo went away');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('XLSX export', () => {
  it('writes typed cells: dates as dates, numbers as numbers, with a frozen header and an autofilter', async () => {
    const path = join(dir, 'subscribers.xlsx');
    const result = await exportTable({ path, format: 'xlsx', table: tableOf([jane, attacker]) });
    expect(result).toMatchObject({ rows: 2, format: 'xlsx', encrypted: false });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('Subscribers');
    expect(sheet?.getRow(1).values).toEqual([undefined, 'Email', 'Name', 'Subscribed', 'Tags', 'Lists', 'Status', 'Campaigns received', 'Opened', 'Clicked', 'Last opened']);
    const row = sheet?.getRow(2);
    expect(row?.getCell(1).value).toBe('jane@example.com');
    expect(row?.getCell(3).value).toEqual(new Date('2024-05-02T08:15:00Z'));
    expect(row?.getCell(7).value).toBe(12);
    expect(sheet?.getRow(3).getCell(10).value).toBeNull();
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.autoFilter).toBeTruthy();
  });

  it('keeps a formula-looking name as text, not as a formula', async () => {
    const path = join(dir, 'subscribers.xlsx');
    await exportTable({ path, format: 'xlsx', table: tableOf([attacker], ['name']) });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const cell = workbook.getWorksheet('Subscribers')?.getRow(2).getCell(1);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe('=HYPERLINK("http://evil.example","click")');
  });

  it('leaves no file behind when cancelled', async () => {
    const controller = new AbortController();
    const run = exportTable({
      path: join(dir, 'subscribers.xlsx'),
      format: 'xlsx',
      table: { columns: pickColumns(subscriberColumns, ALL_SUBSCRIBER_COLUMNS), batches: syntheticSubscribers(20_000, 500), total: 20_000 },
      signal: controller.signal,
      onProgress: ({ rowsDone }) => rowsDone >= 2_000 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('PDF summary export', () => {
  it('draws a two-page report with the list figures, engagement by campaign and the most engaged subscribers', async () => {
    const path = join(dir, 'summary.pdf');
    const result = await exportSummaryPdf({
      path,
      title: 'Subscriber report',
      listName: 'Store A - Newsletter',
      now: () => new Date('2025-03-01T12:00:00Z'),
      rows: { columns: [], batches: syntheticSubscribers(600, 200), total: 600 },
      campaigns: [
        { subject: 'Spring sale', sentDate: new Date('2025-02-01T10:00:00Z'), delivered: 580, openRate: 41.5, clickRate: 8.2 },
        { subject: 'Winter recap', sentDate: new Date('2025-01-10T10:00:00Z'), delivered: 560, openRate: 35, clickRate: 5.1 },
      ],
    });
    expect(result).toMatchObject({ rows: 600, format: 'pdf' });
    const pdf = await readFile(path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBe(2);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Subscriber report');
    expect(text).toContain('Store A - Newsletter');
    expect(text).toContain('Spring sale');
    expect(text).toContain('41.5%');
    expect(text).toMatch(/Total\s*600/);
    expect(text).toContain('Most engaged subscribers');
  });
});
