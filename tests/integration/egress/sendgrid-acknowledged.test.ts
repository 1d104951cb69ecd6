import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestsIn, type WireRequest } from '../../support/http-requests';
import { FRONT_DESK, openClinic, PATIENTS, runWorkingDay, type Clinic } from './clinic-day';

/**
 * Issue 18, second run: the clinic acknowledged that SendGrid (no BAA) delivers its mail. The day
 * may then reach one more host, SendGrid's API (the SendGrid peer stands in for it on 127.0.0.3),
 * and every byte sent there is read back: subscriber addresses and names travel only in the
 * recipient fields and in the recipient's own message; analytics fields carry opaque ids.
 */
let clinic: Clinic;
let sent: WireRequest[];

beforeAll(async () => {
  clinic = await openClinic({ sendgrid: true });
  await runWorkingDay(clinic, { sendgrid: true });
  sent = clinic.recorder.sentTo(clinic.sendgridAddress!).flatMap((bytes) => requestsIn(bytes));
}, 120_000);
afterAll(() => clinic?.close(), 60_000);

const OPAQUE_ID = /^(camp_[A-Za-z0-9_-]{6,}|\d+)$/;
const mentions = (text: string, p: { email: string; name: string }) => text.toLowerCase().includes(p.email) || text.toLowerCase().includes(p.name.toLowerCase());
const patientsIn = (text: string) => PATIENTS.filter((p) => mentions(text, p)).map((p) => p.email);

interface MailSend {
  personalizations: { to: { email: string; name?: string }[] }[];
  subject?: string;
  content?: { type: string; value: string }[];
  categories?: string[];
  custom_args?: Record<string, string>;
  [key: string]: unknown;
}

describe("a HIPAA clinic's working day with SendGrid delivery acknowledged", () => {
  it("opens connections to the clinic's Odoo and SendGrid's API host only", () => {
    const destinations = clinic.recorder.destinations({ except: [clinic.ownAddress] });
    expect(destinations, clinic.recorder.describe({ except: [clinic.ownAddress, clinic.odooAddress, clinic.sendgridAddress!] })).toEqual(
      [clinic.odooAddress, clinic.sendgridAddress!].sort(),
    );
    expect(clinic.recorder.lookups()).toEqual([]);
  });

  it('sent SendGrid one mail per patient, and nothing else it sent names a patient outside the mail fields', () => {
    const mails = sent.filter((r) => r.method === 'POST' && r.target.startsWith('/v3/mail/send'));
    // One per patient, and the test the front desk sent itself.
    expect(mails).toHaveLength(PATIENTS.length + 1);
    for (const request of sent.filter((r) => !mails.includes(r))) {
      expect(patientsIn(decodeURIComponent(request.target)), request.target).toEqual([]);
      expect(patientsIn(request.body.toString('utf8')), request.target).toEqual([]);
    }
    for (const request of sent) expect(patientsIn(JSON.stringify(request.headers)), request.target).toEqual([]);
  });

  it('puts only opaque ids in categories and custom_args, and each patient only into their own mail', () => {
    const mails = sent.filter((r) => r.target.startsWith('/v3/mail/send')).map((r) => JSON.parse(r.body.toString('utf8')) as MailSend);
    const recipients = new Set<string>();
    for (const mail of mails) {
      const to = mail.personalizations.flatMap((p) => p.to);
      expect(to).toHaveLength(1);
      const recipient = PATIENTS.find((p) => p.email === to[0]!.email) ?? { email: to[0]!.email, name: '' };
      recipients.add(recipient.email);
      for (const category of mail.categories ?? []) expect(category).toMatch(OPAQUE_ID);
      for (const [key, value] of Object.entries(mail.custom_args ?? {})) {
        expect(key).toMatch(/^[a-z_]+$/);
        expect(value).toMatch(OPAQUE_ID);
      }
      // Outside the recipient fields and the message itself, no patient at all.
      const { personalizations: _to, subject, content, ...rest } = mail;
      expect(patientsIn(JSON.stringify(rest))).toEqual([]);
      // The message is the recipient's own: it may greet them, never anyone else.
      expect(patientsIn(`${subject ?? ''} ${JSON.stringify(content ?? [])}`).filter((email) => email !== recipient.email)).toEqual([]);
    }
    expect([...recipients].sort()).toEqual([...PATIENTS.map((p) => p.email), FRONT_DESK].sort());
  });
});
