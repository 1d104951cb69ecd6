import type { z } from 'zod';
import { createEmailBodies, type EmailBodies } from '../../../src/main/core/email';
import { emailHandlers, type EmailServices } from '../../../src/main/host/handlers/email';
import { emailOps } from '../../../src/shared/ops/email';
import { invalidInput, type CallContext } from '../../../src/shared/rpc';
import type { OutgoingMail } from '../../../src/main/sandbox/odoo';
import { startMarketingWorld, type MarketingWorld } from '../marketing/harness';

type Ops = typeof emailOps;
const noContext: CallContext = { emit: () => undefined, signal: new AbortController().signal };

export interface EmailWorld extends MarketingWorld {
  email: EmailBodies;
  /** What the Odoo peer handed to its mail server, in order. */
  outgoing: OutgoingMail[];
  runEmail<K extends keyof Ops>(name: K, input: z.input<Ops[K]['input']>): Promise<z.infer<Ops[K]['output']>>;
  /** Three subscribers of the store's list with a tag of their own, one without a name. */
  addTaggedReaders(tag: string): Promise<{ name: string | false; email: string }[]>;
}

/** The marketing world (Odoo peer, demo seed) with the email bodies service and the peer's outgoing mail captured. */
export async function startEmailWorld(options: { sendgrid?: boolean; delivery?: 'sendgrid-relay' | 'odoo-mail-server' } = {}): Promise<EmailWorld> {
  const world = await startMarketingWorld({ sendgrid: options.sendgrid ?? false });
  const email = createEmailBodies({ odoo: world.calls.client });
  const outgoing: OutgoingMail[] = [];
  world.peer.setDeliver(async (mails) => {
    outgoing.push(...mails);
    return mails.map(() => ({ status: 'sent' as const }));
  });
  return Object.assign(world, {
    email,
    outgoing,
    async runEmail<K extends keyof Ops>(name: K, input: z.input<Ops[K]['input']>) {
      const op = emailOps[name];
      const handler = emailHandlers[name] as unknown as (i: unknown, s: EmailServices, c: CallContext) => Promise<unknown>;
      // As dispatch does: a bad input is an input.invalid AppError, not a ZodError.
      const parsed = op.input.safeParse(input);
      if (!parsed.success) throw invalidInput(parsed.error);
      const services: EmailServices = { email, odoo: world.calls.client, sendgrid: world.sendgrid, delivery: options.delivery ?? (world.sendgrid ? 'sendgrid-relay' : 'odoo-mail-server') };
      return op.output.parse(await handler(parsed.data, services, noContext)) as z.infer<Ops[K]['output']>;
    },
    async addTaggedReaders(tag: string) {
      const tagId = await world.odoo.create('res.partner.category', { name: tag });
      const readers = [
        { name: 'Ada Lovelace', email: 'ada@example.org' },
        { name: 'Grace Hopper', email: 'grace@example.org' },
        { name: false as const, email: 'nameless@example.org' },
      ];
      for (const r of readers) await world.odoo.create('mailing.contact', { ...r, list_ids: [[6, 0, [world.storeListId]]], tag_ids: [[6, 0, [tagId]]] });
      return readers;
    },
  });
}
