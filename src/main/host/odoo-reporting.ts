import type { Connectivity } from '../core/drafts';
import type { OdooClient } from '../core/odoo';

/**
 * The profile's Odoo client, reporting every call to the connectivity monitor: a call that cannot
 * reach Odoo turns the header offline, any answer turns it online. Wrapping the client once covers
 * every handler. Closing it also stops the monitor and deletes undelivered downloads.
 */
export function reportingTo(odoo: OdooClient, connectivity: Connectivity, onClose: () => Promise<void>): OdooClient {
  const watch = <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await call(...args);
        connectivity.markSuccess();
        return result;
      } catch (error) {
        connectivity.markFailure(error);
        throw error;
      }
    };
  return {
    settings: odoo.settings,
    connect: watch(() => odoo.connect()),
    version: watch(() => odoo.version()),
    searchRead: watch((...a: Parameters<OdooClient['searchRead']>) => odoo.searchRead(...a)),
    read: watch((...a: Parameters<OdooClient['read']>) => odoo.read(...a)),
    search: watch((...a: Parameters<OdooClient['search']>) => odoo.search(...a)),
    searchCount: watch((...a: Parameters<OdooClient['searchCount']>) => odoo.searchCount(...a)),
    readGroup: watch((...a: Parameters<OdooClient['readGroup']>) => odoo.readGroup(...a)),
    create: watch((...a: Parameters<OdooClient['create']>) => odoo.create(...a)),
    createMany: watch((...a: Parameters<OdooClient['createMany']>) => odoo.createMany(...a)),
    write: watch((...a: Parameters<OdooClient['write']>) => odoo.write(...a)),
    unlink: watch((...a: Parameters<OdooClient['unlink']>) => odoo.unlink(...a)),
    fieldsGet: watch((...a: Parameters<OdooClient['fieldsGet']>) => odoo.fieldsGet(...a)),
    copy: watch((...a: Parameters<OdooClient['copy']>) => odoo.copy(...a)),
    call: watch((...a: Parameters<OdooClient['call']>) => odoo.call(...a)),
    close: async () => {
      await onClose().catch(() => undefined);
      await odoo.close();
    },
  };
}

/** Odoo answered something (even "access denied") = reachable; id 0 never exists, so the answer is tiny. */
export function odooProbe(odoo: OdooClient): () => Promise<void> {
  return async () => {
    await odoo.searchCount('mailing.list', [['id', '=', 0]]);
  };
}
