import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOdooClient } from '../../../src/main/core/odoo';
import { testOdooConnection } from '../../../src/main/core/profiles';
import { isolateDemoStores } from '../../../src/main/sandbox/demo-isolation';
import { startDemoWorkspace, type DemoWorkspace } from '../../../src/main/sandbox/demo-workspace';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, DEMO_STORE_B, DEMO_STORE_OWNERS } from '../../../src/main/sandbox/odoo';
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

  it("reports store A's owner key as confined to store A in the connection test, naming the store as the store picker does", async () => {
    const report = await testOdooConnection({ profileId: 'owner-a', connection: owner(OWNER_A), createClient: createOdooClient, now: () => new Date() });
    expect(report.isolation).toMatchObject({ level: 'confined', storeId: DEMO_STORE.id, storeName: DEMO_STORE.name, otherStores: [] });
    expect(report.summary).toContain(`Confined to the store "${DEMO_STORE.name}"`);
    expect(report.isolation?.message).toMatch(/^Confined to the store "Store A":/);
    expect(`${report.summary} ${report.isolation?.message ?? ''}`).not.toContain(DEMO_STORE.id);
  });

  it('names every store a staff key sees by its name, not its id', async () => {
    const report = await testOdooConnection({ profileId: 'staff', connection: { url: demo.odoo.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, protocol: 'auto' }, createClient: createOdooClient, now: () => new Date() });
    expect(report.isolation).toMatchObject({ level: 'staff', storeName: null, otherStores: [DEMO_STORE.id, DEMO_STORE_B.id] });
    expect(report.isolation?.message).toContain(`This key sees 2 stores ("${DEMO_STORE.name}", "${DEMO_STORE_B.name}")`);
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
