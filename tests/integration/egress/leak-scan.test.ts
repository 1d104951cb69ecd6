import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../../../src/main/core/crypto/cipher';
import { captureLog, scanFolder, scanTexts } from '../../support/leak-scan';
import { openClinic, PATIENTS, runWorkingDay, type Clinic, type DayResult } from './clinic-day';

/**
 * Issue 18, the leak scan: after a HIPAA clinic's whole working day, no patient's address or name
 * is anywhere the operating system or a person with the disk could read it outside sealed files:
 * not in the log, not in the data folder, not in the OS temp folder, not in an export's file name.
 * The process's temp folder is a fresh one for this test, so everything in it came from this run.
 */
let clinic: Clinic;
let day: DayResult;
let osTemp: string;
let log: ReturnType<typeof captureLog>;
const previousTmp = process.env.TMPDIR;

beforeAll(async () => {
  osTemp = await mkdtemp(join(tmpdir(), 'markket-leak-scan-'));
  process.env.TMPDIR = osTemp;
  log = captureLog();
  clinic = await openClinic({ sendgrid: false });
  day = await runWorkingDay(clinic, { sendgrid: false });
}, 120_000);
afterAll(async () => {
  log?.stop();
  await clinic?.close();
  if (previousTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmp;
  await rm(osTemp, { recursive: true, force: true });
}, 60_000);

describe("after a HIPAA clinic's working day, no patient is readable outside sealed files", () => {
  it('the day really handled the patients (the scan looks for people who were there)', async () => {
    expect(tmpdir()).toBe(osTemp);
    expect(clinic.dataDir.startsWith(osTemp)).toBe(true);
    const found = await clinic.api.call('marketing.subscribers.list', { storeId: 'demo-store-a', search: PATIENTS[2].name });
    expect(found.subscribers.map((r) => r.email)).toContain(PATIENTS[2].email);
  });

  it('the scan finds a patient in a plain file or a file name, and skips only sealed ones', async () => {
    const probe = join(osTemp, 'scan-probe');
    await mkdir(probe);
    await writeFile(join(probe, 'notes.txt'), `call ${PATIENTS[0].name.toUpperCase()} back`);
    await writeFile(join(probe, `${PATIENTS[1].email}.csv`), 'nothing inside');
    await writeFile(join(probe, 'sealed.json'), createAesGcmCipher(randomBytes(32)).seal(Buffer.from(PATIENTS[2].email)));
    const found = await scanFolder(probe, PATIENTS);
    await rm(probe, { recursive: true });
    expect(found.map((leak) => leak.who).sort()).toEqual([PATIENTS[0].email, PATIENTS[1].email]);
  });

  it('names no patient in the data folder, outside sealed files', async () => {
    expect(await scanFolder(clinic.dataDir, PATIENTS)).toEqual([]);
  });

  it('names no patient in the OS temp folder', async () => {
    expect(await scanFolder(osTemp, PATIENTS)).toEqual([]);
  });

  it('writes no patient to the log', () => {
    expect(scanTexts(log.lines.map((text) => ({ where: 'log', text })), PATIENTS)).toEqual([]);
  });

  it('gives exports opaque names: ids and dates, no list or campaign name', () => {
    expect(day.exportNames).toHaveLength(2);
    for (const name of day.exportNames) expect(name).toMatch(/^[a-z]+-[a-z]+-\d+-\d{4}-\d{2}-\d{2}\.[a-z]+\.zip$/);
  });
});
