import { join } from 'node:path';
import type { DemoConnectionProvider } from '../core/profiles';
import { startDemoWorkspace, type DemoWorkspace } from '../sandbox/demo-workspace';
import type { Services } from './services';

/**
 * The demo workspace as a profile sees it: started on first use (when a demo profile is resolved),
 * its SendGrid peer's signed Event Webhook pointed at the host once the host is listening, and the
 * demo store given its extensions so a send moves the demo's figures. Shared by browser mode and
 * the desktop app, so both run the same demo.
 */
export interface DemoProvider {
  connection: DemoConnectionProvider;
  /** Store names for the services (the demo store is "Store A", not its id). */
  storeNames: Record<string, string>;
  /** The host's base URL: SendGrid's events go to `<url>/webhooks/sendgrid`. */
  attachHost(url: string): void;
  /** After services were built for a demo profile: seed its extensions (once). */
  prepare(services: Services): Promise<void>;
  close(): Promise<void>;
}

export function createDemoProvider(options: { dataDir: string; now?: () => Date }): DemoProvider {
  let workspace: Promise<DemoWorkspace> | undefined;
  let hostUrl: string | null = null;
  const storeNames: Record<string, string> = {};

  const start = () => {
    workspace ??= startDemoWorkspace({ dataDir: join(options.dataDir, 'demo'), ...(options.now ? { now: options.now } : {}) }).then((w) => {
      for (const store of w.stores) storeNames[store.id] = store.name;
      if (hostUrl) w.connectWebhook(`${hostUrl}/webhooks/sendgrid`);
      return w;
    });
    return workspace;
  };

  return {
    storeNames,
    async connection() {
      const w = await start();
      const { url, database, login, apiKey, protocol = 'auto' } = w.odooSettings;
      const { apiKey: sendgridKey, baseUrl, webhookPublicKey } = w.sendgridSettings;
      return {
        odoo: { url, database, login, apiKey, protocol },
        sendgrid: { apiKey: sendgridKey, baseUrl, webhookPublicKey, region: 'global', delivery: 'sendgrid-relay' },
        storeIds: [w.storeId],
      };
    },
    attachHost(url) {
      hostUrl = url;
      void workspace?.then((w) => w.connectWebhook(`${url}/webhooks/sendgrid`));
    },
    async prepare(services) {
      if (!workspace) return;
      await (await workspace).seedExtensions(services.extensions.registry, services.odoo);
    },
    async close() {
      await (await workspace)?.close();
    },
  };
}
