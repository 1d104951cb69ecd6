/**
 * Child process of the webhook crash test: the console's webhook route over one profile's services
 * (records and spool in <dataDir>), against the Odoo at <odooUrl>. Prints "ready <port>" once it
 * listens; the parent posts signed batches and may SIGKILL it at any moment.
 * argv: <dataDir> <odooUrl> <webhookPublicKey>
 */
import { contract } from '../../src/shared/contract';
import { handlers } from '../../src/main/host/handlers';
import { startHttpHost } from '../../src/main/host/http';
import { createServices } from '../../src/main/host/services';
import { sendgridWebhookRoute } from '../../src/main/host/webhook';
import type { ProfileManager } from '../../src/main/core/profiles';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE } from '../../src/main/sandbox/odoo';

const [dataDir, odooUrl, webhookPublicKey] = process.argv.slice(2);
if (!dataDir || !odooUrl || !webhookPublicKey) throw new Error('usage: webhook-child <dataDir> <odooUrl> <webhookPublicKey>');

const services = createServices({
  odoo: { url: odooUrl, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY },
  // The webhook reaches no profile operation.
  profiles: {} as ProfileManager,
  stores: [{ id: DEMO_STORE.id, name: DEMO_STORE.name }],
  sendgrid: { apiKey: 'SG.unused', webhookPublicKey },
  dataDir,
});
if ((await services.extensions.registry.list(DEMO_STORE.id)).length === 0) {
  await services.extensions.registry.add(DEMO_STORE.id, { key: 'markket:sendgrid:stats', config: {} });
}
// What the console does whenever it builds a profile's services (profile-switch.ts).
services.webhookInbox.resume();
const host = await startHttpHost({ contract, handlers, services: () => services, extraRoutes: [sendgridWebhookRoute({ services: () => services })] });
process.stdout.write(`ready ${host.port}\n`);
