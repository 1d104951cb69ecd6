import { describe, expect, it } from 'vitest';
import { faultToAppError, fieldFromMessage, malformedResponse, redact } from '../../../src/main/core/odoo/errors';
import { loadRecording } from '../../support/replay-server';

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

  it('finds none in a message that names no field', () => {
    expect(fieldFromMessage(recordedMessage('219'))).toBeUndefined();
  });
});

describe('messages for people', () => {
  it('tells a user without rights what to ask for', () => {
    const error = faultToAppError({ name: 'odoo.exceptions.AccessError', message: recordedMessage('097') }, site, []);
    expect(error.message).toBe('Your Odoo user may not create mailing.list records. Ask your Odoo administrator for Email Marketing access.');
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
