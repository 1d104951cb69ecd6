import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_SUBSCRIBER_COLUMNS, pickColumns, subscriberColumns } from '../../../src/main/core/export/columns';
import { exportTable } from '../../../src/main/core/export/run';
import { syntheticSubscribers } from '../../support/synthetic-subscribers';
import { readAesZipEntry } from '../../support/winzip-aes';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'markket-zip-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const table = (rows: number) => ({ columns: pickColumns(subscriberColumns, ALL_SUBSCRIBER_COLUMNS), batches: syntheticSubscribers(rows, 100), total: rows });

describe('encrypted export', () => {
  it('wraps the CSV in an AES-256 ZIP that opens with the password and shows no address in clear', async () => {
    const path = join(dir, 'subscribers.csv.zip');
    const result = await exportTable({ path, format: 'csv', table: table(300), password: 'correct horse battery' });
    expect(result).toMatchObject({ encrypted: true, rows: 300 });
    const zip = await readFile(path);
    expect(zip.includes('subscriber1@example.com')).toBe(false);
    const entry = readAesZipEntry(zip, 'correct horse battery');
    expect(entry.name).toBe('subscribers.csv');
    expect(entry.data.toString('utf8').split('\r\n')[1]).toMatch(/^subscriber1@example\.com,Subscriber 1,/);
  });

  it('does not open with a wrong password', async () => {
    const path = join(dir, 'subscribers.zip');
    await exportTable({ path, format: 'csv', table: table(10), password: 'correct horse battery' });
    const zipBytes = await readFile(path);
    expect(() => readAesZipEntry(zipBytes, 'wrong password!')).toThrow('wrong password');
  });

  it('wraps the XLSX too, and the workbook inside is intact', async () => {
    const path = join(dir, 'subscribers.xlsx.zip');
    await exportTable({ path, format: 'xlsx', table: table(50), password: 'correct horse battery' });
    const entry = readAesZipEntry(await readFile(path), 'correct horse battery');
    expect(entry.name).toBe('subscribers.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(entry.data).buffer as ArrayBuffer);
    expect(workbook.getWorksheet('Subscribers')?.rowCount).toBe(51);
  });

  it('refuses a password shorter than 8 characters before writing anything', async () => {
    await expect(exportTable({ path: join(dir, 's.zip'), format: 'csv', table: table(10), password: 'short' })).rejects.toMatchObject({ code: 'input.invalid' });
    expect(await readdir(dir)).toEqual([]);
  });
});
