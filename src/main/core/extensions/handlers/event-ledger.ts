/**
 * Remembers which SendGrid events were already applied (SendGrid retries a batch until it gets a 2xx,
 * so the same sg_event_id arrives again). Bounded: ids older than the window are forgotten, which is
 * safe because SendGrid stops retrying after 72 hours.
 */
export interface EventLedger {
  filterNew(ids: string[]): Promise<string[]>;
  remember(ids: string[]): Promise<void>;
}

export interface LedgerPersistence {
  load(): Promise<string[]>;
  save(ids: string[]): Promise<void>;
}

export function createEventLedger(opts: { capacity?: number; persistence?: LedgerPersistence } = {}): EventLedger {
  const capacity = opts.capacity ?? 200_000;
  let seen: Set<string> | null = null;

  async function load(): Promise<Set<string>> {
    if (!seen) seen = new Set(opts.persistence ? await opts.persistence.load() : []);
    return seen;
  }

  return {
    async filterNew(ids) {
      const known = await load();
      return ids.filter((id) => !known.has(id));
    },
    async remember(ids) {
      const known = await load();
      for (const id of ids) known.add(id);
      // A Set iterates in insertion order: the oldest ids go first.
      if (known.size > capacity) {
        const drop = known.size - capacity;
        let i = 0;
        for (const id of known) {
          if (i++ >= drop) break;
          known.delete(id);
        }
      }
      if (opts.persistence) await opts.persistence.save([...known]);
    },
  };
}
