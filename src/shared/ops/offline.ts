import { z } from 'zod';
import { op } from '../rpc';
import { OfflineCopyLimits } from '../schemas/profile';

const Count = z.number().int().nonnegative();

/** What the profile's offline cache holds on this computer (sealed size in HIPAA mode). */
export const OfflineCacheSize = z.object({
  entries: Count,
  bytes: Count,
  /** Past either limit, the answers fetched longest ago are removed first. */
  limits: z.object({ maxEntries: Count, maxBytes: Count }),
});

/**
 * The offline copies: the answers last fetched from Odoo and SendGrid (lists, campaigns, reports,
 * subscriber pages), kept per profile so the console can show them "as of" then when offline.
 */
export const offlineOps = {
  'offline.cacheSize': op({ summary: "How many offline copies this profile keeps on this computer and their size, with the cache's limits.", input: z.strictObject({}), output: OfflineCacheSize }),
  'offline.setLimits': op({
    summary: "Sets how much this profile's offline copies may take on this computer, at once: copies past the new limits are removed, those fetched longest ago first. Answers what the cache holds then.",
    input: OfflineCopyLimits.strict(),
    output: OfflineCacheSize,
  }),
  'offline.clearCache': op({
    summary: 'Removes every offline copy this profile keeps on this computer (they come back as views are opened again); answers what was removed.',
    input: z.strictObject({}),
    output: z.object({ entries: Count, bytes: Count }),
  }),
};
