import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOdooClient } from '../../../src/main/core/odoo';
import { testOdooConnection } from '../../../src/main/core/profiles';
import { isolateDemoStores } from '../../../src/main/sandbox/demo-isolation';
import { startDemoWorkspace, type DemoWorkspace } from '../../../src/main/sandbox/demo-workspace';
import { DEMO_DATABASE, DEMO_STORE, DEMO_STORE_OWNERS } from '../../../src/main/sandbox/odoo';
import { tempDir } from '../extensions/helpers';

const [OWNER_A, OWNER_B] = DEMO_STORE_OWNERS;

describe('the embedded demo comes up as a shared Odoo after "Isolate stores" and "Add a store owner"', () => {
  let demo: DemoWorkspace;
  let folder: Awaited<ReturnType<typeof tempDir>>;
  const owner = (o: { login: string; apiKey: string } | undefined) => ({ url: demo.odoo.url, database: DEMO_DATABASE, login: o!.login, apiKey: o!.apiKey, protocol: 'auto' as const });

  beforeAll(async () => {
    folder = await tempDir('demo-isolation');
    demo = await startDemoWorkspace({ dataDir: folder.dir });
  });
  afterAll(async () => {
    await demo.close();
    await folder.remove();
  });

  it("reports store A's owner key as confined to store A in the connection test", async () => {
    const report = await testOdooConnection({ profileId: 'owner-a', connection: owner(OWNER_A), createClient: createOdooClient, now: () => new Date() });
    expect(report.isolation).toMatchObject({ level: 'confined', storeId: DEMO_STORE.id, otherStores: [] });
    expect(report.summary).toContain(`Confined to store ${DEMO_STORE.id}`);
  });

  it("lets each owner's key list only its own store's mailing list", async () => {
    for (const o of [OWNER_A, OWNER_B]) {
      const client = createOdooClient(owner(o));
      const lists = await client.searchRead('mailing.list', [], ['x_markket_store_id'], { context: { active_test: false } });
      await client.close();
      expect(new Set(lists.map((l) => l.x_markket_store_id))).toEqual(new Set([o!.store.id]));
    }
  });

  it('is already isolated when the demo starts again from its data file: the setup changes nothing', async () => {
    await demo.close();
    demo = await startDemoWorkspace({ dataDir: folder.dir });
    expect(await isolateDemoStores(demo.odoo.url)).toEqual({ changed: false });
    const report = await testOdooConnection({ profileId: 'owner-b', connection: owner(OWNER_B), createClient: createOdooClient, now: () => new Date() });
    expect(report.isolation).toMatchObject({ level: 'confined', storeId: OWNER_B!.store.id });
  });
});
