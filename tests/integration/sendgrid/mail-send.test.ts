import { afterEach, describe, expect, it } from 'vitest';
import { SENDGRID_DEMO_API_KEY, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { peerAndClient, rejectionOf } from './helpers';

let peer: SendgridPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

const HELP = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html';

async function postRaw(body: unknown): Promise<Response> {
  return fetch(`${peer!.url}/v3/mail/send`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${SENDGRID_DEMO_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const valid = {
  personalizations: [{ to: [{ email: 'ana@example.com' }] }],
  from: { email: 'shop@juniperandpine.example' },
  subject: 'Spring',
  content: [{ type: 'text/html', value: '<p>Hi</p>' }],
};

describe('SendGrid mail send', () => {
  it('accepts a mail with 202, an empty body and an X-Message-Id', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const response = await postRaw(valid);
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    expect(response.headers.get('x-message-id')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('returns the X-Message-Id to the caller of sendMail', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const { messageId } = await setup.client.sendMail({ to: [{ email: 'ana@example.com' }], from: { email: 'shop@juniperandpine.example' }, subject: 'Hi', html: '<p>Hi</p>' });
    expect(messageId).toBe(peer.mail[0]!.xMessageId);
  });

  it('answers 200 in sandbox mode and delivers nothing', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const response = await postRaw({ ...valid, mail_settings: { sandbox_mode: { enable: true } } });
    expect(response.status).toBe(200);
    expect(peer.mail[0]!.sandbox).toBe(true);
    expect(peer.events).toEqual([]);
  });

  it('accepts a dynamic template without subject or content', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const response = await postRaw({
      personalizations: [{ to: [{ email: 'ana@example.com' }], dynamic_template_data: { first_name: 'Ana' } }],
      from: { email: 'shop@juniperandpine.example' },
      template_id: 'd-2c8a6f4e1b9d4a7c8e3f0b5d6a1c9e26',
    });
    expect(response.status).toBe(202);
    expect(peer.mail[0]!.links).toContain('https://shop.juniperandpine.example/collections/candles');
  });

  it('answers 400 with SendGrid’s error shape for a missing from', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const { from: _from, ...withoutFrom } = valid;
    const response = await postRaw(withoutFrom);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; field: string; help: string }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toEqual({
      message: expect.stringMatching(/^The from object must be provided for every email send\./),
      field: 'from.email',
      help: `${HELP}#message.from`,
    });
  });

  it('lists every problem of a bad mail at once, each with field and help', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const response = await postRaw({ personalizations: [{ to: [{ email: 'not-an-address' }] }], from: { email: 'shop@juniperandpine.example' } });
    const body = (await response.json()) as { errors: { field: string; help: string }[] };
    expect(body.errors.map((e) => e.field)).toEqual(['personalizations.0.to.0.email', 'subject', 'content']);
    expect(body.errors.every((e) => e.help.startsWith(HELP))).toBe(true);
  });

  it('requires at least one personalization', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const response = await postRaw({ ...valid, personalizations: [] });
    expect(await response.json()).toEqual({
      errors: [{ message: 'The personalizations field is required and must have at least one personalization.', field: 'personalizations', help: `${HELP}#-Personalizations-Errors` }],
    });
  });

  it('maps a 400 to sendgrid.bad_request carrying SendGrid’s fields and messages', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const error = await rejectionOf(setup.client.sendMail({ to: [{ email: 'ana@example.com' }], from: { email: 'shop@juniperandpine.example' }, html: '<p>no subject</p>' }));
    expect(error.code).toBe('sendgrid.bad_request');
    expect(error.details?.['errors']).toEqual([{ field: 'subject', message: expect.stringContaining('The subject is required.') }]);
    expect(peer.mail).toEqual([]);
  });

  it('refuses a template id that is not a GUID', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const response = await postRaw({ ...valid, template_id: 'newsletter' });
    expect(await response.json()).toMatchObject({ errors: [{ field: 'template_id', message: "The template_id must be a valid GUID, you provided 'newsletter'." }] });
  });

  it('refuses to send categories that hold an email address, before anything leaves the console', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const error = await rejectionOf(
      setup.client.sendMail({ to: [{ email: 'ana@example.com' }], from: { email: 'shop@juniperandpine.example' }, subject: 'Hi', html: 'x', categories: ['ana@example.com'] }),
    );
    expect(error.code).toBe('input.invalid');
    expect(peer.requests.filter((r) => r.path === '/v3/mail/send')).toEqual([]);
  });
});
