import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KnownStore } from '../core/marketing';
import type { OdooConnectionSettings } from '../core/odoo';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer, type OdooPeer } from './odoo';

export interface DemoWorkspace {
  odoo: OdooPeer;
  /** How the console's Odoo client reaches the peer (the documented demo key, not a secret). */
  odooSettings: OdooConnectionSettings;
  storeId: string;
  stores: KnownStore[];
  close(): Promise<void>;
}

export interface DemoWorkspaceOptions {
  /** Where the demo's Odoo data is kept between runs; without it the workspace starts fresh each time. */
  dataDir?: string;
  now?: () => Date;
}

/**
 * The workspace a console with no Odoo opens: the Odoo-compatible peer with the demo seed (one
 * store, its subscribers and campaigns) on a random loopback port, in this process.
 */
export async function startDemoWorkspace(options: DemoWorkspaceOptions = {}): Promise<DemoWorkspace> {
  let dataFile: string | undefined;
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    dataFile = join(options.dataDir, 'demo-odoo.json');
  }
  const odoo = await startOdooPeer({ seed: 'demo', dataFile, now: options.now });
  return {
    odoo,
    odooSettings: { url: odoo.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, protocol: 'auto' },
    storeId: DEMO_STORE.id,
    stores: [{ id: DEMO_STORE.id, name: DEMO_STORE.name }],
    // The peer saves its data file as it closes.
    close: () => odoo.close(),
  };
}
