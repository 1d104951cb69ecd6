import { createMemorySecretStore } from '../../../src/main/core/secrets';
import { createExtensions } from '../../../src/main/core/extensions';
import type { SendgridService } from '../../../src/main/core/sendgrid';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, startOdooPeer, type OdooPeer, type OdooPeerOptions } from '../../../src/main/sandbox/odoo';

export const NOW = new Date('2025-04-01T12:00:00Z');

/** The SendGrid peer's welcome template: every field has an Odoo equivalent, so a send has no warning to acknowledge. */
export const WELCOME_TEMPLATE = 'd-9e5d3b1f7a2c4e6d8b0a4c2e6f8a1d53';
export const WELCOME_WARNINGS: string[] = [];

export async function odooPeerAndClient(options: OdooPeerOptions = {}): Promise<{ peer: OdooPeer; odoo: OdooClient; close(): Promise<void> }> {
  const peer = await startOdooPeer({ seed: 'demo', contactCount: 60, now: () => NOW, ...options });
  const odoo = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY }, { sleep: async () => {} });
  return {
    peer,
    odoo,
    close: async () => {
      await odoo.close();
      await peer.close();
    },
  };
}

export async function tempDir(prefix: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `markket-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The id of the demo store's newsletter list. */
export async function storeListId(odoo: OdooClient, storeId: string): Promise<number> {
  const [id] = await odoo.search('mailing.list', [['x_markket_store_id', '=', storeId]], { limit: 1 });
  if (id === undefined) throw new Error(`no list for ${storeId}`);
  return id;
}


/** The extensions of one store against a given Odoo client, records kept in a temporary folder. */
export async function extensionsHarness(odoo: OdooClient, opts: { sendgrid?: SendgridService; now?: () => Date } = {}) {
  const folder = await tempDir('ext');
  const secrets = createMemorySecretStore();
  let id = 0;
  const extensions = createExtensions({
    dir: folder.dir,
    secrets,
    defaultOdoo: () => ({ client: odoo, credentials: { source: 'default', url: odoo.settings.url, database: odoo.settings.database } }),
    sendgrid: () => opts.sendgrid,
    now: opts.now ?? (() => NOW),
    newId: () => `test${String(++id).padStart(6, '0')}`,
  });
  return { ...extensions, secrets, dir: folder.dir, remove: folder.remove };
}
