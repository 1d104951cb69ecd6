import type { SubscriberRow } from '../../src/main/core/export/columns';
import { seededRandom } from './seeded-random';

const STATUSES = ['active', 'active', 'active', 'opted_out', 'blacklisted', 'bounced'] as const;

/** `count` deterministic subscribers in batches, generated lazily (nothing kept in memory). */
export async function* syntheticSubscribers(count: number, batchSize = 500, seed = 42): AsyncGenerator<SubscriberRow[]> {
  const random = seededRandom(seed);
  for (let start = 0; start < count; start += batchSize) {
    const batch: SubscriberRow[] = [];
    for (let id = start + 1; id <= Math.min(start + batchSize, count); id += 1) {
      const opened = Math.floor(random() * 10);
      batch.push({
        id,
        email: `subscriber${id}@example.com`,
        name: `Subscriber ${id}`,
        subscribedDate: new Date(Date.UTC(2024, Math.floor(random() * 12), 1 + Math.floor(random() * 27), 9, 30)),
        tags: id % 3 === 0 ? ['vip', 'buyer'] : ['newsletter'],
        lists: ['Store A - Newsletter'],
        status: STATUSES[id % STATUSES.length] ?? 'active',
        campaignsReceived: 10 + (id % 5),
        opened,
        clicked: Math.floor(opened / 3),
        lastOpened: opened > 0 ? new Date(Date.UTC(2025, 0, 1 + (id % 28), 12, 0)) : null,
      });
    }
    yield batch;
  }
}
