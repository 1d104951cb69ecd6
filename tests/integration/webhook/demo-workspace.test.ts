import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/contract';
import { handlers } from '../../../src/main/host/handlers';
import { startHttpHost, type HttpHost } from '../../../src/main/host/http';
import { createServices, type Services } from '../../../src/main/host/services';
import { sendgridWebhookRoute, WEBHOOK_PATH } from '../../../src/main/host/webhook';
import type { ProfileManager } from '../../../src/main/core/profiles';
import { startDemoWorkspace, type DemoWorkspace } from '../../../src/main/sandbox/demo-workspace';
import { tempDir } from '../extensions/helpers';

describe('the demo workspace with SendGrid delivery and the signed webhook', () => {
  let demo: DemoWorkspace;
  let services: Services;
  let host: HttpHost;
  let route: ReturnType<typeof sendgridWebhookRoute>;
  let folder: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    folder = await tempDir('demo');
    demo = await startDemoWorkspace({ dataDir: folder.dir });
    services = createServices({ odoo: demo.odooSettings, profiles: {} as ProfileManager, stores: demo.stores, sendgrid: demo.sendgridSettings, dataDir: `${folder.dir}/extensions` });
    await demo.seedExtensions(services.extensions.registry, services.odoo);
    route = sendgridWebhookRoute({ services: () => services });
    host = await startHttpHost({ contract, handlers, services: () => services, extraRoutes: [route] });
    demo.connectWebhook(`${host.url}${WEBHOOK_PATH}`);
  });
  afterAll(async () => {
    await host.close();
    await services.odoo.close();
    await demo.close();
    await folder.remove();
  });

  it('seeds the newsletter, campaign and stats extensions for the demo store once', async () => {
    await demo.seedExtensions(services.extensions.registry, services.odoo);
    const keys = (await services.extensions.registry.list(demo.storeId)).map((r) => r.key).sort();
    expect(keys).toEqual(['markket:odoo:campaign', 'markket:odoo:newsletter', 'markket:sendgrid:stats']);
  });
});
