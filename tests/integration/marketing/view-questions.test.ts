import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketingService } from '../../../src/main/core/marketing';
import type { RoundTrips } from '../../support/round-trips';
import { countedMarketing, DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

/**
 * Issue 15: within one operation nothing is asked of Odoo twice, and questions that do not need
 * each other's answers go out together. The screens' operations, each counted on its own, on both
 * Odoo versions: its calls, its waves (round trips) and no repeated question.
 */
const storeId = DEMO_STORE.id;

describe.each([
  ['18.0', { overview: [3, 1], lists: [2, 1], tags: [2, 2], page: [4, 3], listPage: [4, 3] }],
  ['19.0', { overview: [3, 1], lists: [2, 1], tags: [2, 2], page: [2, 2], listPage: [2, 2] }],
] as const)('the overview and subscribers screens on Odoo %s', (version, budgets) => {
  let world: MarketingWorld;
  let close: () => Promise<void>;
  let counter: RoundTrips;
  let marketing: MarketingService;
  beforeAll(async () => {
    world = await startMarketingWorld({ contactCount: 300, version });
    ({ marketing, counter, close } = await countedMarketing(world));
  });
  afterAll(async () => {
    await close();
    await world.close();
  });

  /** The operation's second run: the client's version and the service's deliberate caches are warm. */
  async function asked(run: () => Promise<unknown>) {
    await run();
    counter.reset();
    await run();
    return { questions: counter.questions(), rounds: counter.rounds() };
  }

  it('asks each question once, the independent ones together', async () => {
    const ops = {
      overview: () => marketing.overview(storeId),
      lists: () => marketing.lists(storeId),
      tags: () => marketing.tags(storeId),
      page: () => marketing.subscribers({ storeId, limit: 50, offset: 0 }),
      listPage: () => marketing.subscribers({ storeId, limit: 50, offset: 0, list_id: world.storeListId }),
    };
    for (const [name, run] of Object.entries(ops)) {
      const { questions, rounds } = await asked(run);
      const [calls, waves] = budgets[name as keyof typeof ops];
      expect({ name, calls: questions.length, rounds }).toEqual({ name, calls, rounds: waves });
      expect(new Set(questions).size, name).toBe(questions.length);
    }
  });
});
