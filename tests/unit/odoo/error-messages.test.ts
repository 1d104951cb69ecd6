import { describe, expect, it } from 'vitest';
import { faultToAppError, fieldFromMessage, malformedResponse, redact } from '../../../src/main/core/odoo/errors';
import { loadRecording } from '../../support/replay-server';
import { readFixture } from '../../support/fixtures';

const site = { url: 'https://odoo.example.com', database: 'markket', login: 'admin', model: 'mailing.list', method: 'create' };

function recordedMessage(prefix: string): string {
  return (loadRecording(prefix).response.body as { error: { data: { message: string } } }).error.data.message;
}

describe('finding the field an Odoo validation error is about', () => {
  it.each([
    ['083', 'name'],
    ['084', 'list_id'],
    ['088', 'no_such_field'],
    ['089', 'no_such_field'],
    ['090', 'state'],
    ['092', 'no_such_field'],
  ])('reads the field of recording %s as "%s"', (recording, field) => {
    expect(fieldFromMessage(recordedMessage(recording))).toBe(field);
  });

  it.each([
    ['109', 'name'],
    ['110', 'list_id'],
    ['111', 'no_such_field'],
    ['112', 'no_such_field'],
    ['114', 'no_such_field'],
    ['250', 'title_id'],
  ])("reads the field of Odoo 19's recording %s, worded anew, as \"%s\"", (recording, field) => {
    const body = (readFixture('odoo19-json2-wire', recording).json as { response: { body: { message: string } } }).response.body;
    expect(fieldFromMessage(body.message)).toBe(field);
  });

  it('finds none in a message that names no field', () => {
    expect(fieldFromMessage(recordedMessage('219'))).toBeUndefined();
  });
});

describe("Odoo 19's recorded refusals, as real Odoo 19 words them, reach the console as the right error", () => {
  it.each([
    ['011', 'odoo.bad_credentials', undefined],
    ['012', 'odoo.bad_credentials', undefined],
    ['221', 'odoo.bad_credentials', undefined],
    ['100', 'odoo.unknown_model', undefined],
    ['101', 'odoo.unknown_method', undefined],
    ['102', 'odoo.private_method', undefined],
    ['103', 'odoo.private_method', undefined],
    ['095', 'odoo.missing_record', undefined],
    ['109', 'odoo.validation', 'name'],
    ['110', 'odoo.validation', 'list_id'],
    ['111', 'odoo.validation', 'no_such_field'],
    ['112', 'odoo.validation', 'no_such_field'],
    ['114', 'odoo.validation', 'no_such_field'],
    ['250', 'odoo.validation', 'title_id'],
    ['116', 'odoo.access_denied', undefined],
  ])('recording %s is %s', (recording, code, field) => {
    const rec = readFixture('odoo19-json2-wire', recording).json as { response: { status: number; body: { name: string; message: string } } };
    const error = faultToAppError({ name: rec.response.body.name, message: rec.response.body.message, httpStatus: rec.response.status }, { ...site, protocol: 'json2' }, []);
    expect([error.code, error.details?.field]).toEqual([code, field]);
  });
});

describe('messages for people', () => {
  it('tells a user without rights what to ask for, in the words of Odoo 18 (odoo18-wire/097)', () => {
    const error = faultToAppError({ name: 'odoo.exceptions.AccessError', message: recordedMessage('097') }, site, []);
    expect(error.message).toBe('Your Odoo user may not create Mailing List records (mailing.list). Ask your Odoo administrator to give your user the group "Email Marketing / User" (Odoo: Settings → Users).');
    expect(error.details).toMatchObject({ operation: 'create', model: 'mailing.list', modelName: 'Mailing List', groups: ['Email Marketing / User'] });
  });

  it('names every group Odoo 18 would allow a read to (odoo18-wire/096)', () => {
    const error = faultToAppError({ name: 'odoo.exceptions.AccessError', message: recordedMessage('096') }, { ...site, model: 'mailing.mailing', method: 'search_read' }, []);
    expect(error.message).toBe('Your Odoo user may not see Mass Mailing records (mailing.mailing). Ask your Odoo administrator to give your user one of the groups "Administration / Settings" or "Email Marketing / User" (Odoo: Settings → Users).');
  });

  it.each([
    ['116', 'Your Odoo user may not see Mailing Contact records (mailing.contact). Ask your Odoo administrator to give your user the group "Email Marketing / User" (Odoo: Settings → Users).'],
    ['118', 'Your Odoo user may not see Mass Mailing records (mailing.mailing). Ask your Odoo administrator to give your user one of the groups "Email Marketing / User" or "Role / Administrator" (Odoo: Settings → Users).'],
    ['191', 'Your Odoo user may not see Mailing Statistics records (mailing.trace). Ask your Odoo administrator to give your user the group "Email Marketing / User" (Odoo: Settings → Users).'],
  ])('reads Odoo 19\'s JSON-2 refusal %s the same way', (recording, sentence) => {
    const body = (readFixture('odoo19-json2-wire', recording).json as { response: { body: { name: string; message: string } } }).response.body;
    const error = faultToAppError({ name: body.name, message: body.message, httpStatus: 403 }, site, []);
    expect([error.code, error.message]).toEqual(['odoo.access_denied', sentence]);
  });

  it("words a record rule's refusal as records kept from the user, not a missing group", () => {
    const message = "Uh-oh! Looks like you have stumbled upon some top-secret records.\n\nSorry, Store A Owner (id=8) doesn't have 'write' access to:\n- Mailing Contact, Bob (mailing.contact: 42)\n\nBlame the following rules:\n- Store owners: own contacts\n\nIf you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.";
    const error = faultToAppError({ name: 'odoo.exceptions.AccessError', message }, site, []);
    expect(error.message).toBe("Odoo's record rules do not let your user change Mailing Contact records (mailing.contact): they may belong to another store. Ask your Odoo administrator if you should have access to them.");
  });

  it("quotes an access refusal it cannot read in Odoo's own words (odoo19-json2-wire/237)", () => {
    const error = faultToAppError({ name: 'odoo.exceptions.AccessError', message: 'This page is only accessible to Technical Documentation users.' }, site, []);
    expect(error.message).toBe('Odoo refused this for lack of rights: "This page is only accessible to Technical Documentation users." Ask your Odoo administrator for access.');
  });

  it('leaves the traceback out', () => {
    const error = faultToAppError({ name: 'builtins.KeyError', message: 'nosuchservice' }, site, []);
    expect(error.code).toBe('odoo.server_error');
    expect(Object.keys(error.details ?? {})).not.toContain('debug');
  });

  it('redacts a secret wherever it appears in a text', () => {
    expect(redact('key=abcd1234 and again abcd1234', ['abcd1234'])).toBe('key=[redacted] and again [redacted]');
  });
});

describe('a server answer quoted in an error', () => {
  it('leaves no part of the API key behind when the key straddles the cut', () => {
    const key = 'k3y-0123456789abcdef';
    const body = `${'x'.repeat(190)}${key}${'y'.repeat(50)}`;
    const error = malformedResponse({ url: 'https://erp.example.com', database: 'prod', login: 'owner' }, 'not JSON', body, [key]);
    expect(JSON.stringify(error.details)).not.toContain(key.slice(0, 6));
  });
});
