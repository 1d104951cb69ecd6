import type { OdooClient } from '../core/odoo';

/**
 * Holds the services of the active profile. Transports read `current()` per call, so a call that
 * started keeps the services it began with while the next one gets the new profile's.
 */
export interface ServiceHost<S extends { odoo: OdooClient }> {
  current(): S;
  /** Switches to `next`, dropping the old services (and their caches) and closing their Odoo client. */
  replace(next: S): Promise<void>;
  close(): Promise<void>;
}

export function createServiceHost<S extends { odoo: OdooClient }>(initial: S): ServiceHost<S> {
  let services = initial;
  let closed = false;
  return {
    current: () => services,
    async replace(next) {
      if (closed) {
        await next.odoo.close();
        return;
      }
      const previous = services;
      services = next;
      if (previous !== next) await previous.odoo.close().catch(() => undefined);
    },
    async close() {
      closed = true;
      await services.odoo.close();
    },
  };
}
