import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pythonJson } from '../../../../src/main/sandbox/odoo/server/python-json';

const recording = (name: string) => JSON.parse(readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8')) as { response: { headers: Record<string, string>; body: unknown } };

describe('the Odoo peer writes JSON as Odoo does', () => {
  it.each(['odoo18-wire/048-read_group-mailing_trace-by-status-nolazy.json', 'odoo19-json2-wire/059-formatted_read_group-mailing_trace-by-status.json'])('weighs what the recording %s weighed', (name) => {
    const { headers, body } = recording(name).response;
    expect(Buffer.byteLength(pythonJson(body))).toBe(Number(headers['Content-Length']));
  });

  it('keeps commas and colons inside strings as they are', () => {
    expect(pythonJson({ a: ['x,:"y\\', 1], b: { c: false } })).toBe('{"a": ["x,:\\"y\\\\", 1], "b": {"c": false}}');
    expect(JSON.parse(pythonJson({ a: ['x,:"y\\', 1] }))).toEqual({ a: ['x,:"y\\', 1] });
  });

  it('follows JSON.stringify for dates, left-out members and empty containers', () => {
    const value = { at: new Date(Date.UTC(2026, 0, 2)), gone: undefined, holes: [undefined, 1], empty: {}, none: [], text: 'é\n' };
    expect(pythonJson(value)).toBe('{"at": "2026-01-02T00:00:00.000Z", "holes": [null, 1], "empty": {}, "none": [], "text": "é\\n"}');
    expect(JSON.parse(pythonJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });
});
