import { describe, expect, it } from 'vitest';
import { transportToAppError } from '../../../src/main/core/odoo/errors';
import { guardHandlers } from '../../../src/main/host/handlers/guard';
import type { Services } from '../../../src/main/host/services';
import type { AppContract } from '../../../src/shared/contract';
import { AppError } from '../../../src/shared/errors';
import type { CallContext, Handlers } from '../../../src/shared/rpc';

/** What the Odoo client throws when the socket fails with `code` during the send's write (action_launch). */
function socketFailure(code: string): AppError {
  const cause = Object.assign(new Error(code), { code });
  return transportToAppError(new TypeError('fetch failed', { cause }), { url: 'https://odoo.example.com', database: 'shop', login: 'owner', model: 'mailing.mailing', method: 'action_launch', mutating: true }, 30_000);
}

/** The guarded send, over a console that is unlocked and believes Odoo is online, whose send fails with `error`. */
async function sendFailingWith(error: AppError): Promise<unknown> {
  const table = { 'marketing.campaigns.send': async () => { throw error; } } as unknown as Handlers<AppContract, Services>;
  const services = {
    session: { status: async () => ({ locked: false }) },
    connectivity: { current: () => ({ online: true }), check: async () => ({ online: true }) },
  } as unknown as Services;
  const send = guardHandlers(table)['marketing.campaigns.send'] as unknown as (input: unknown, s: Services, ctx: CallContext) => Promise<unknown>;
  return send({ storeId: 'store', campaignId: 1 }, services, {} as CallContext).then(() => null, (e: unknown) => e);
}

describe('a send that loses Odoo', () => {
  it('says "offline, not sent" when the connection was refused before the request left', async () => {
    expect(await sendFailingWith(socketFailure('ECONNREFUSED'))).toMatchObject({ code: 'offline' });
  });

  it('keeps the "may or may not have been saved" error when the connection was reset after the request went out', async () => {
    const error = await sendFailingWith(socketFailure('ECONNRESET'));
    expect(error).toMatchObject({ code: 'odoo.unreachable', details: { reason: 'ECONNRESET' } });
    expect((error as AppError).message).toMatch(/may or may not have been saved/);
  });
});
