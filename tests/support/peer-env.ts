import { Env } from '../../src/main/sandbox/odoo/orm/env';
import { createDatabase } from '../../src/main/sandbox/odoo/registry';

/** An empty Odoo-peer database with a fixed clock and no queue, for tests of the ORM itself. */
export function makePeerEnv(): Env {
  const { db } = createDatabase('markket', {
    now: () => new Date('2026-01-02T03:04:05Z'),
    random: () => 0.5,
    triggerQueue: () => undefined,
    changed: () => undefined,
    baseUrl: () => 'http://peer',
    version: '18.0',
    runCron: async () => undefined,
    probeMailServer: async () => null,
    deliverNow: async (mails) => mails.map(() => ({ status: 'sent' as const })),
  });
  return new Env(db, 2);
}
