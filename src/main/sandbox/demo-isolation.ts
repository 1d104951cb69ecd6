import { AppError } from '../../shared/errors';
import { createOdooClient } from '../core/odoo';
import { runSetup } from '../core/setup/setup';
import { addStoreOwner } from '../core/setup/store-owners';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, DEMO_STORE_B, DEMO_STORE_OWNERS } from './odoo';

export interface DemoIsolationResult {
  /** What "Isolate stores" did on this start: nothing on a demo that was isolated before. */
  changed: boolean;
}

/**
 * Brings the demo Odoo to what a Markket administrator would have made of a shared Odoo: Odoo setup
 * with "Isolate stores" for each demo store, then "Add a store owner" for owner-a and owner-b. It
 * goes over RPC with the demo's administrator key through the same setup code Settings runs, so the
 * demo's owners are confined by the same group and record rules a real Odoo gets. Both steps are
 * idempotent: a demo restored from its data file is checked and left as it is.
 */
export async function isolateDemoStores(odooUrl: string): Promise<DemoIsolationResult> {
  const admin = createOdooClient({ url: odooUrl, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
  try {
    let changed = false;
    for (const store of [DEMO_STORE, DEMO_STORE_B]) {
      // No SendGrid key: the demo Odoo delivers through the SendGrid peer, never through a relay.
      const report = await runSetup(admin, { storeId: store.id, storeName: store.name, apply: true, isolate: true, sendgridApiKey: null });
      const failed = report.steps.find((s) => s.status === 'failed');
      if (failed) throw new AppError('odoo.validation', `The demo Odoo could not be set up for ${store.name}: ${failed.message}`, { step: failed.id });
      const isolate = report.steps.find((s) => s.id === 'isolate');
      if (isolate?.status === 'created' || isolate?.status === 'updated') changed = true;
    }
    for (const owner of DEMO_STORE_OWNERS) {
      const added = await addStoreOwner(admin, { storeId: owner.store.id, storeName: owner.store.name, login: owner.login, name: owner.name, email: owner.email, odooUrl, database: DEMO_DATABASE, invite: false });
      if (added.user !== 'unchanged') changed = true;
    }
    return { changed };
  } finally {
    await admin.close();
  }
}
