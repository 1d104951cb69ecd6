import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KnownStore } from '../core/marketing';
import type { OdooClient, OdooConnectionSettings } from '../core/odoo';
import { createSendgrid, generateWebhookKeyPair, type SendgridService } from '../core/sendgrid';
import { defaultExtensionsFor, type ExtensionRegistry } from '../core/extensions';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer, type OdooPeer } from './odoo';
import { createSendgridDelivery, SENDGRID_DEMO_API_KEY, startSendgridPeer, type SendgridPeer } from './sendgrid';
import { isolateDemoStores } from './demo-isolation';

export interface DemoWorkspace {
  odoo: OdooPeer;
  /** How the console's Odoo client reaches the peer (the documented demo key, not a secret). */
  odooSettings: OdooConnectionSettings;
  storeId: string;
  stores: KnownStore[];
  /** The SendGrid-compatible peer the demo Odoo delivers through. */
  sendgrid: SendgridPeer;
  /** How the console's SendGrid client reaches the peer (the documented demo key). */
  sendgridSettings: { apiKey: string; baseUrl: string; webhookPublicKey: string };
  /** The demo's data folder (extension records live in `extensions/` under it); undefined when in memory. */
  dataDir: string | undefined;
  /** Points the peer's signed Event Webhook at the host (`<host>/webhooks/sendgrid`). */
  connectWebhook(url: string | null): void;
  /** Gives the demo store its newsletter, campaign and stats extensions when it has none yet. */
  seedExtensions(registry: ExtensionRegistry, odoo: OdooClient): Promise<void>;
  close(): Promise<void>;
}

export interface DemoWorkspaceOptions {
  /** Where the demo's Odoo data is kept between runs; without it the workspace starts fresh each time. */
  dataDir?: string;
  now?: () => Date;
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    // Missing or unreadable: the demo starts over from its seed rather than refusing to open.
    return undefined;
  }
}

/**
 * The workspace a console with no Odoo opens: the Odoo-compatible peer with the demo seed (two
 * stores, their subscribers and campaigns, isolated by Odoo setup so owner-a and owner-b each reach
 * only their own store) and the SendGrid-compatible peer it delivers through, on
 * random loopback ports, in this process. The SendGrid peer signs its events with a key pair made
 * here, so the host's webhook verifies them like real SendGrid events and demo stats move.
 */
export async function startDemoWorkspace(options: DemoWorkspaceOptions = {}): Promise<DemoWorkspace> {
  let dataFile: string | undefined;
  let sendgridFile: string | undefined;
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    dataFile = join(options.dataDir, 'demo-odoo.json');
    sendgridFile = join(options.dataDir, 'demo-sendgrid.json');
  }
  const restore = sendgridFile ? await readJson(sendgridFile) : undefined;
  const sendgrid = await startSendgridPeer({ seed: 'demo', loopbackHostsOnly: true, ...(options.now ? { now: options.now } : {}), ...(restore !== undefined ? { restore } : {}) });
  const odoo = await startOdooPeer({ seed: 'demo', dataFile, now: options.now, loopbackHostsOnly: true });
  try {
    // The demo is a shared Odoo like Markket's: its store owners are confined as a real setup confines them.
    await isolateDemoStores(odoo.url);
  } catch (error) {
    await Promise.all([odoo.close(), sendgrid.close()]);
    throw error;
  }
  const service: SendgridService = createSendgrid({ apiKey: SENDGRID_DEMO_API_KEY, baseUrl: sendgrid.url });
  odoo.setDeliver(createSendgridDelivery(service));
  const keys = generateWebhookKeyPair();

  return {
    odoo,
    odooSettings: { url: odoo.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, protocol: 'auto' },
    storeId: DEMO_STORE.id,
    stores: [{ id: DEMO_STORE.id, name: DEMO_STORE.name }],
    sendgrid,
    sendgridSettings: { apiKey: SENDGRID_DEMO_API_KEY, baseUrl: sendgrid.url, webhookPublicKey: keys.publicKey },
    dataDir: options.dataDir,
    connectWebhook: (url) => (url === null ? sendgrid.webhook.setTarget(null) : sendgrid.webhook.setTarget(url, keys.privateKeyPem, keys.publicKey)),
    async seedExtensions(registry, client) {
      if ((await registry.list(DEMO_STORE.id)).length > 0) return;
      const [listId] = await client.search('mailing.list', [['x_markket_store_id', '=', DEMO_STORE.id]], { limit: 1, order: 'id asc' });
      if (listId === undefined) return;
      for (const record of Object.values(defaultExtensionsFor(listId, DEMO_STORE.id))) await registry.add(DEMO_STORE.id, record);
    },
    // The Odoo peer saves its data file as it closes; the SendGrid peer's state is saved here.
    close: async () => {
      await odoo.close();
      if (sendgridFile) await writeFile(sendgridFile, JSON.stringify(sendgrid.snapshot()));
      await sendgrid.close();
    },
  };
}
