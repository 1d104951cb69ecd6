import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src/shared/errors';
import { many2one, odooDatetime, odooDatetimeField, odooText, parseRecords, toOdooDatetime } from '../../../src/main/core/odoo';
import { loadRecording } from '../../support/replay-server';

describe('many2one', () => {
  it('turns [id, name] into an object', () => {
    expect(many2one.parse([392, 'Mailing List'])).toEqual({ id: 392, name: 'Mailing List' });
  });

  it('turns false into null', () => {
    expect(many2one.parse(false)).toBeNull();
  });

  it('rejects a bare id', () => {
    expect(many2one.safeParse(392).success).toBe(false);
  });
});

describe('Odoo datetimes', () => {
  it('reads "YYYY-MM-DD HH:MM:SS" as UTC', () => {
    expect(odooDatetime('2025-11-03 14:05:09')?.toISOString()).toBe('2025-11-03T14:05:09.000Z');
  });

  it('reads false as null', () => {
    expect(odooDatetime(false)).toBeNull();
  });

  it('rejects an ISO string with a zone, which Odoo never sends', () => {
    expect(() => odooDatetime('2025-11-03T14:05:09Z')).toThrow(AppError);
  });

  it('rejects a day that does not exist', () => {
    expect(() => odooDatetime('2025-02-30 10:00:00')).toThrow(AppError);
  });

  it('writes any second back to the same string it reads', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1971, 0, 1) / 1000, max: Date.UTC(2200, 0, 1) / 1000 }), (seconds) => {
        const date = new Date(seconds * 1000);
        const text = toOdooDatetime(date);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
        expect(odooDatetime(text)?.getTime()).toBe(date.getTime());
      }),
      { seed: 20251103, numRuns: 300 },
    );
  });

  it('parses every datetime of the recorded traces', () => {
    const rows = (loadRecording('126').response.body as { result: Record<string, unknown>[] }).result;
    const schema = z.object({ id: z.number(), open_datetime: odooDatetimeField, sent_datetime: odooDatetimeField }).loose();
    const traces = parseRecords(schema, rows, 'mailing.trace');
    expect(traces.some((t) => t.open_datetime instanceof Date)).toBe(true);
  });
});

describe('parseRecords', () => {
  const Contact = z.object({ id: z.number(), email: odooText, list_ids: z.array(z.number()) });

  it('returns the typed records', () => {
    expect(parseRecords(Contact, [{ id: 9, email: false, list_ids: [3] }])).toEqual([{ id: 9, email: null, list_ids: [3] }]);
  });

  it('names the model, the record and the field that did not match', () => {
    let error: unknown;
    try {
      parseRecords(Contact, [{ id: 9, email: 'a@example.com', list_ids: [3] }, { id: 10, email: 'b@example.com', list_ids: 'oops' }], 'mailing.contact');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'odoo.malformed_response', details: { model: 'mailing.contact', field: 'list_ids', id: 10, index: 1 } });
    expect((error as Error).message).toContain('"list_ids"');
  });

  it('rejects something that is not a list', () => {
    expect(() => parseRecords(Contact, { id: 9 }, 'mailing.contact')).toThrow(/mailing.contact/);
  });
});
