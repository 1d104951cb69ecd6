import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../../src/shared/schemas/export';
import { failure, filesUnder, startLocalHarness, STORE_ID, until, type LocalHarness } from './harness';

let h: LocalHarness;
afterEach(() => h.close());

const downloadsDir = async () => join(await h.profileDir(), 'downloads');
const fetchDownload = (url: string) => fetch(`${h.served.url}${url}`);

describe('exports in browser mode', () => {
  it('hands a CSV export out once through its one-time link, then answers 404 and keeps no file', async () => {
    h = await startLocalHarness();
    const result = await h.api.call('export.subscribers', { storeId: STORE_ID, format: 'csv', columns: ['email', 'name'] });
    expect(result).toMatchObject({ format: 'csv', encrypted: false, path: null, warning: expect.stringMatching(/personal data/) });
    expect(result.download?.url).toMatch(/^\/downloads\/[A-Za-z0-9_-]{43}$/);

    const first = await fetchDownload(String(result.download?.url));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-disposition')).toMatch(/^attachment; filename="subscribers-.+\.csv"/);
    const lines = (await first.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe('Email,Name');
    expect(lines).toHaveLength(result.rows + 1);
    expect(result.rows).toBeGreaterThan(0);

    const second = await fetchDownload(String(result.download?.url));
    expect(second.status).toBe(404);
    expect(await until(async () => filesUnder(await downloadsDir()), (files) => files.length === 0)).toEqual([]);
  });

  it('names the filter of a filtered export in its workbook title, its sheet and its file name', async () => {
    h = await startLocalHarness();
    const { tags } = await h.api.call('marketing.subscribers.tags', { storeId: STORE_ID });
    const tag = tags[0]?.name;
    if (!tag) throw new Error('the demo seed has tagged contacts');
    const result = await h.api.call('export.subscribers', { storeId: STORE_ID, format: 'xlsx', tag, status: 'active' });
    expect(result.fileName).toMatch(new RegExp(`^subscribers-.+-filtered-tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-subscribed-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    const file = await fetchDownload(String(result.download?.url));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await file.arrayBuffer());
    expect(workbook.title).toBe(`Subscriber report (filtered: tag “${tag}”, subscribed)`);
    expect(workbook.worksheets[0]?.name).toBe('Subscribers (filtered)');
  });

  it('does not serve a download link that was never issued', async () => {
    h = await startLocalHarness();
    const res = await fetchDownload(`/downloads/${'A'.repeat(43)}`);
    expect(res.status).toBe(404);
  });

  it('reports rows done out of the total over Server-Sent Events while it exports', async () => {
    h = await startLocalHarness({ contactCount: 1200 });
    const events: ExportProgress[] = [];
    const result = await h.api.call('export.subscribers', { storeId: STORE_ID, format: 'xlsx' }, { onEvent: (event) => events.push(event) });
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)).toEqual({ rowsDone: result.rows, total: result.rows });
    expect(events.map((e) => e.rowsDone)).toEqual([...events.map((e) => e.rowsDone)].sort((a, b) => a - b));
  });

  it('leaves no file behind when the export is cancelled', async () => {
    h = await startLocalHarness({ contactCount: 1200 });
    const controller = new AbortController();
    const call = h.api.call('export.subscribers', { storeId: STORE_ID, format: 'csv' }, {
      signal: controller.signal,
      onEvent: () => controller.abort(),
    });
    expect((await failure(call)).code).toBe('cancelled');
    expect(await until(async () => filesUnder(await downloadsDir()), (files) => files.length === 0)).toEqual([]);
  });
});
