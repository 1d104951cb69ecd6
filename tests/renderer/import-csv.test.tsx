// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { guessColumns, mappingProblems, parseCsv, roleOptions, sampleOf } from '../../src/renderer/src/views/subscribers/import/csv';
import { splitSegment, validateForSend, emptyValues } from '../../src/renderer/src/views/editor/values';

describe('CSV import preview', () => {
  it('reads a semicolon file with quoted fields, a BOM and CRLF line ends, numbering rows as the spreadsheet does', () => {
    const parsed = parseCsv('\uFEFFEmail;Full name;Tags\r\nana@example.com;"Ruiz; Ana";vip|buyer\r\n\r\n"bo@example.com";"Say ""hi""";\r\n');
    expect(parsed.delimiter).toBe(';');
    expect(parsed.header).toEqual(['Email', 'Full name', 'Tags']);
    expect(parsed.rows).toEqual([{ line: 2, cells: ['ana@example.com', 'Ruiz; Ana', 'vip|buyer'] }, { line: 4, cells: ['bo@example.com', 'Say "hi"', ''] }]);
    expect(parsed.blankLines).toBe(1);
  });

  it('maps the usual column names without help, First Name and Last Name included, and skips the rest', () => {
    const fields = [{ name: 'company_name', label: 'Company Name', type: 'char' as const }];
    expect(guessColumns(['E-mail', 'First Name', 'Last Name', 'Labels', 'Company Name', 'Member Rating'], fields)).toEqual(['email', 'first_name', 'last_name', 'tags', 'field:company_name', 'skip']);
  });

  it('says what to fix in a mapping before it can be imported', () => {
    expect(mappingProblems(['skip', 'name'])).toEqual(['Say which column holds the email addresses.']);
    expect(mappingProblems(['email', 'name', 'first_name'])).toEqual(['Use either a whole name column or first and last name columns, not both.']);
    expect(mappingProblems(['email', 'skip'])).toEqual([]);
  });

  it('offers the Odoo contact fields as targets and shows a column’s first values', () => {
    const groups = roleOptions([{ name: 'company_name', label: 'Company Name', type: 'char' }]);
    expect(groups.map((g) => g.group)).toEqual(['Subscriber', 'Odoo contact field']);
    expect(groups[1]!.items).toEqual([{ value: 'field:company_name', label: 'Company Name' }]);
    expect(sampleOf(parseCsv('email,name\na@x.io,\nb@x.io,Bo\nc@x.io,Cy\n'), 1)).toBe('Bo, Cy');
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
