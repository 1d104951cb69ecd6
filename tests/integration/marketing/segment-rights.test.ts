import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { segmentHandlers } from '../../../src/main/host/handlers/segments';
import { AppError } from '../../../src/shared/errors';
import { segmentOps } from '../../../src/shared/ops/segments';
import type { SegmentRule } from '../../../src/shared/schemas/segments';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

type SegOps = typeof segmentOps;
/** The segment operations as the transports run them: input parse, handler, output parse. */
const segments = (world: MarketingWorld) => async <K extends keyof SegOps>(name: K, input: z.input<SegOps[K]['input']>): Promise<z.infer<SegOps[K]['output']>> => {
  const handler = segmentHandlers[name] as unknown as (i: unknown, s: { marketing: MarketingWorld['marketing'] }) => Promise<unknown>;
  return segmentOps[name].output.parse(await handler(segmentOps[name].input.parse(input), { marketing: world.marketing })) as never;
};

const storeId = DEMO_STORE.id;
const buyers: SegmentRule = { match: 'all', conditions: [{ type: 'buyer', is: true }] };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(() => new Error('expected Odoo to refuse'), (error: unknown) => error);
  if (!(outcome instanceof AppError)) throw outcome;
  return outcome;
}

/**
 * Issue 17: saved segments are mass_mailing's favourite filters, which Odoo lets Email Marketing
 * users read, create, change and delete (access_mailing_filter_mailing_user, no rule of its own).
 * When an Odoo administrator narrows that (here with a record rule, as Odoo's own security screens
 * allow), Odoo refuses with an AccessError, and the console says in plain words what was refused,
 * what it needs and what still works, while the saved segments stay readable and usable.
 */
describe.each(['18.0', '19.0'] as const)('saved segments when Odoo %s refuses to change favourite filters', (version) => {
  let world: MarketingWorld;
  let savedId: number;
  let run: ReturnType<typeof segments>;
  beforeAll(async () => {
    world = await startMarketingWorld({ version });
    run = segments(world);
    savedId = (await run('marketing.segments.save', { storeId, name: 'Buyers', list_id: world.storeListId, rule: buyers })).id;
    const [filterModel] = await world.odoo.search('ir.model', [['model', '=', 'mailing.filter']]);
    await world.odoo.create('ir.rule', { name: 'Favourite filters are read-only here', model_id: filterModel, domain_force: "[('id', '=', 0)]", perm_read: false, perm_write: true, perm_create: true, perm_unlink: true });
  });
  afterAll(() => world.close());

  it('says a new segment cannot be saved, and why, in words a store owner can act on', async () => {
    const error = await refusal(run('marketing.segments.save', { storeId, name: 'Buyers again', list_id: world.storeListId, rule: buyers }));
    expect(error.code).toBe('odoo.access_denied');
    expect(error.message).toMatch(/^Your Odoo user may not save segments: .*Email Marketing \/ User right.*Ask your Odoo administrator/);
    expect(error.details).toMatchObject({ model: 'mailing.filter' });
  });

  it('says a saved segment cannot be changed or deleted, and leaves it as it was', async () => {
    expect((await refusal(run('marketing.segments.save', { storeId, id: savedId, name: 'Renamed', list_id: world.storeListId, rule: buyers }))).message).toMatch(/^Your Odoo user may not save segments/);
    expect((await refusal(run('marketing.segments.delete', { storeId, id: savedId }))).message).toMatch(/^Your Odoo user may not delete saved segments/);
    const { segments } = await run('marketing.segments.list', { storeId });
    expect(segments.map((s) => [s.id, s.name])).toEqual([[savedId, 'Buyers']]);
  });

  it('still counts and uses the saved segment as a campaign audience', async () => {
    const estimate = await world.run('marketing.campaigns.estimate', { storeId, list_id: world.storeListId, segment: `saved:${savedId}` });
    const segment = (await run('marketing.segments.list', { storeId })).segments[0];
    expect(estimate.estimated_recipients).toBe(segment?.recipients);
    expect(estimate.estimated_recipients).toBeGreaterThan(0);
  });
});
