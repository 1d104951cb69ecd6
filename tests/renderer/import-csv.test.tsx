// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { guessMapping, parseCsv, tagsByRow, toImportCsv } from '../../src/renderer/src/views/subscribers/import/csv';
import { splitSegment, validateForSend, emptyValues } from '../../src/renderer/src/views/editor/values';

describe('CSV import preview', () => {
  it('reads a semicolon file with quoted fields, a BOM and CRLF line ends', () => {
    const parsed = parseCsv('\uFEFFEmail;Full name;Tags\r\nana@example.com;"Ruiz; Ana";vip|buyer\r\n"bo@example.com";"Say ""hi""";\r\n');
    expect(parsed.delimiter).toBe(';');
    expect(parsed.header).toEqual(['Email', 'Full name', 'Tags']);
    expect(parsed.rows).toEqual([['ana@example.com', 'Ruiz; Ana', 'vip|buyer'], ['bo@example.com', 'Say "hi"', '']]);
  });

  it('maps the usual column names without help', () => {
    expect(guessMapping(['E-mail', 'Name', 'Labels'])).toEqual({ email: 0, name: 1, tags: 2 });
  });

  it('writes the mapped columns back in the file’s row order so the report’s row numbers match', () => {
    const parsed = parseCsv('name,address\nAna,ana@example.com\n"Bo, Jr",bo@example.com\n');
    expect(toImportCsv(parsed, { email: 1, name: 0, tags: null })).toBe('email,name\r\nana@example.com,Ana\r\nbo@example.com,"Bo, Jr"\r\n');
  });

  it('splits a tags cell on ; | and , per 1-based row', () => {
    const parsed = parseCsv('email\ttags\na@x.io\tvip; buyer\nb@x.io\t\n');
    expect([...tagsByRow(parsed, { email: 0, name: null, tags: 1 })]).toEqual([[1, ['vip', 'buyer']]]);
  });
});

describe('campaign editor values', () => {
  it('turns the contract’s tag segment back into the form’s two fields', () => {
    expect(splitSegment('tag:vip')).toEqual({ segment: 'tag', tag: 'vip' });
    expect(splitSegment('buyers')).toEqual({ segment: 'buyers', tag: '' });
  });

  it('refuses to review a campaign scheduled in the past', () => {
    const values = { ...emptyValues(1), subject: 'Hello', templateId: 'd-1', when: 'later' as const, scheduleLocal: '2020-01-01 09:00:00' };
    expect(validateForSend(values, new Date('2026-01-01T00:00:00Z')).schedule).toBe('Pick a time in the future');
  });
});
