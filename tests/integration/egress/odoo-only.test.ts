import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClinic, runWorkingDay, type Clinic, type DayResult } from './clinic-day';

/**
 * Issue 18: a HIPAA profile that delivers through its Odoo's own mail server talks to that Odoo and
 * to nothing else, for a whole working day. The recorder sees every socket, DNS question, HTTP
 * request, fetch and child process of this process; the only thing left out is the console's own
 * listening address, which the test's calls (standing in for the browser) reach from outside.
 */
let clinic: Clinic;
let day: DayResult;

beforeAll(async () => {
  clinic = await openClinic({ sendgrid: false });
  day = await runWorkingDay(clinic, { sendgrid: false });
}, 120_000);
afterAll(() => clinic?.close(), 60_000);

describe("a HIPAA clinic's working day, delivering through its own Odoo", () => {
  it("opens connections to the clinic's Odoo and to no other host", () => {
    const destinations = clinic.recorder.destinations({ except: [clinic.ownAddress] });
    expect(destinations, clinic.recorder.describe({ except: [clinic.ownAddress, clinic.odooAddress] })).toEqual([clinic.odooAddress]);
  });

  it('asks no DNS question and starts no other program or worker thread (whose sockets the recorder could not see)', () => {
    expect(clinic.recorder.lookups()).toEqual([]);
    expect(clinic.recorder.spawned()).toEqual([]);
    expect(clinic.recorder.workers()).toEqual([]);
  });

  it('really ran the day: the campaign reached the patients through Odoo', async () => {
    const detail = await clinic.api.call('marketing.campaigns.get', { storeId: 'demo-store-a', campaignId: day.campaignId });
    expect(detail.stats.sent).toBe(5);
    expect(day.exportNames).toHaveLength(2);
  });
});
