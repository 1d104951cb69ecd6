import { describe, expect, it } from 'vitest';
import { pythonJsonDecodeError } from '../../../../src/main/sandbox/odoo/server/python-json-decode';
import { readFixture } from '../../../support/fixtures';

describe("the Odoo peer refuses a JSON body in Python's words", () => {
  it("quotes the error odoo19-json2-wire/019's truncated body got from Odoo 19", () => {
    const rec = readFixture('odoo19-json2-wire', '019').json as { request: { body: string }; response: { body: { message: string } } };
    expect(`could not parse the body as json: ${pythonJsonDecodeError(rec.request.body)}`).toBe(rec.response.body.message);
  });

  // Each expected text is what CPython 3.11's json.loads (the recorded server's Python) says.
  it.each([
    ['{a:1}', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
    ['[1,]', 'Expecting value: line 1 column 4 (char 3)'],
    ['[1 2]', "Expecting ',' delimiter: line 1 column 4 (char 3)"],
    ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)"],
    ['"abc', 'Unterminated string starting at: line 1 column 1 (char 0)'],
    ['"a\\x"', 'Invalid \\escape: line 1 column 3 (char 2)'],
    ['"\\u12"', 'Invalid \\uXXXX escape: line 1 column 3 (char 2)'],
    ['"\\u12zz"', 'Invalid \\uXXXX escape: line 1 column 3 (char 2)'],
    ['[1]x', 'Extra data: line 1 column 4 (char 3)'],
    ['  ', 'Expecting value: line 1 column 3 (char 2)'],
    ['\n\n  [', 'Expecting value: line 3 column 4 (char 5)'],
    ['[-]', 'Expecting value: line 1 column 2 (char 1)'],
    ['{"a":1,}', 'Expecting property name enclosed in double quotes: line 1 column 8 (char 7)'],
    ['"a\tb"', 'Invalid control character at: line 1 column 3 (char 2)'],
    ['[0123]', "Expecting ',' delimiter: line 1 column 3 (char 2)"],
    ['[1.e5]', "Expecting ',' delimiter: line 1 column 3 (char 2)"],
    ['tru', 'Expecting value: line 1 column 1 (char 0)'],
    ['{"a":"\\ud800\\u12x4"}', 'Invalid \\uXXXX escape: line 1 column 14 (char 13)'],
    ['\ufeff{}', 'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)'],
    ['{"é😀": [1 2]}', "Expecting ',' delimiter: line 1 column 11 (char 10)"],
  ])('%j: %s', (text, message) => {
    expect(pythonJsonDecodeError(text)).toBe(message);
  });

  it('finds nothing wrong in what Python reads, NaN and Infinity included', () => {
    for (const text of ['{}', ' [1, -2.5e3, "a\\u00e9\\n", true, false, null] ', '[NaN, Infinity, -Infinity]', '{"a": {"b": []}}']) expect(pythonJsonDecodeError(text)).toBeNull();
  });
});
