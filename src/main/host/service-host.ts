import type { OdooClient } from '../core/odoo';

/**
 * Holds the services of the active profile. Transports read `current()` per call, so a call that
 * started keeps the services it began with while the next one gets the new profile's.
 */
export interface ServiceHost<S extends { odoo: OdooClient }> {
  current(): S;
  /** Switches to `next`, dropping the old services (and their caches) and closing their Odoo client. */
  replace(next: S): Promise<void>;
  /**
   * Builds the next services and switches to them, one switch at a time. While one is under way,
   * `settled()` waits: work that must not reach the old services during it (webhook batches written
   * into a data folder a HIPAA change is converting) asks for the services through `settled()`.
   * A build that fails leaves the current services in place and releases the waiters.
   */
  switchTo(build: (current: S) => Promise<S>): Promise<void>;
  /** The current services once no switch is under way. */
  settled(): Promise<S>;
  close(): Promise<void>;
}

export function createServiceHost<S extends { odoo: OdooClient }>(initial: S): ServiceHost<S> {
  let services = initial;
  let closed = false;
  let switching: Promise<void> | null = null;
  const host: ServiceHost<S> = {
    current: () => services,
    switchTo(build) {
      const previous = switching ?? Promise.resolve();
      const run = previous.then(async () => host.replace(await build(services)));
      const tracked: Promise<void> = run.catch(() => undefined).then(() => {
        if (switching === tracked) switching = null;
      });
      switching = tracked;
      return run;
    },
    async settled() {
      // Another switch may begin while one ends: answer only when none is under way.
      while (switching) await switching;
      return services;
    },
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
  return host;
}
