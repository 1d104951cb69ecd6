/**
 * What each "Send a test" request has already sent, so that "Try again" with the same
 * `client_request_id` never mails an address twice.
 *
 * Odoo keeps no record of a test (its wizard sends and deletes the mails in one transaction and
 * makes no mailing.trace; odoo19-json2-wire/137), and SendGrid's mail send takes no idempotency key,
 * so neither can be asked afterwards whether a test went out. The console therefore remembers, per
 * request, every address a try sent — or may have sent, when the answer was lost after the request
 * left — and a repeat sends only to the rest. Kept in memory for the profile's session: a test is
 * tried again within minutes, and a restart starts over (at worst one more test email to staff).
 */

/** Requests remembered; the oldest is forgotten first. */
const CAPACITY = 500;

export interface TestSendRecord {
  /** Addresses this request sent, or may have sent (answer lost after the request left). */
  readonly spent: Set<string>;
  /** Addresses whose send may or may not have happened: said so in the answer. */
  readonly uncertain: Set<string>;
}

export interface TestSendLedger {
  /** The record of one request (created empty on first use). */
  record(key: string): TestSendRecord;
}

export function createTestSendLedger(capacity = CAPACITY): TestSendLedger {
  const records = new Map<string, TestSendRecord>();
  return {
    record(key) {
      const known = records.get(key);
      if (known) return known;
      const fresh: TestSendRecord = { spent: new Set(), uncertain: new Set() };
      records.set(key, fresh);
      // Map keeps insertion order: the first key is the oldest request.
      if (records.size > capacity) records.delete(records.keys().next().value as string);
      return fresh;
    },
  };
}
