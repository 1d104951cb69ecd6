import { start, stop } from './owner-console';

/** The demo Odoo's administrator (documented in the README, demo only). */
export const ADMIN = { login: 'admin', apiKey: 'markket-demo-odoo-key', storeId: 'demo-store-a' } as const;
export const ADMIN_TOKEN = 'e2e-admin-token-2b9d4e7a61c3f805';

export interface AdminConsole {
  /** The console in browser mode, signed in to its own demo Odoo as the Odoo administrator. */
  url: string;
  /** The Odoo peer itself, as a recipient's mail client reaches its tracking routes. */
  odooUrl: string;
  /** Runs an Odoo method as the administrator, as Odoo's own forms would (JSON-RPC execute_kw). */
  odoo<T>(model: string, method: string, args: unknown[], kwargs?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A console of its own over an Odoo of its own (`npm run odoo-peer -- --seed demo` and `npm run
 * serve` with MARKKET_ODOO_* set to the administrator's login and key), for a spec that changes
 * Odoo settings only an administrator may change (a cron's schedule), away from the shared demo.
 */
export async function startAdminConsole(): Promise<AdminConsole> {
  const peer = await start('src/main/sandbox/odoo/cli.ts', ['--port', '0', '--seed', 'demo'], {}, /peer listening on (http:\/\/127\.0\.0\.1:\d+)\n[\s\S]*seed: +demo/);
  const odooUrl = peer.match[1]!;
  try {
    const env = { MARKKET_ODOO_URL: odooUrl, MARKKET_ODOO_DB: 'markket', MARKKET_ODOO_LOGIN: ADMIN.login, MARKKET_ODOO_API_KEY: ADMIN.apiKey, MARKKET_STORE_ID: ADMIN.storeId, MARKKET_API_TOKEN: ADMIN_TOKEN };
    const served = await start('src/main/host/serve.ts', ['--port', '0'], env, /Markket console: (http:\/\/127\.0\.0\.1:\d+)\//);
    return {
      url: served.match[1]!,
      odooUrl,
      async odoo<T>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> {
        const res = await fetch(`${odooUrl}/jsonrpc`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'object', method: 'execute_kw', args: ['markket', 2, ADMIN.apiKey, model, method, args, kwargs] }, id: 1 }),
        });
        const answer = (await res.json()) as { result?: T; error?: { data?: { message?: string } } };
        if (answer.error) throw new Error(`${model}.${method}: ${answer.error.data?.message ?? 'Odoo error'}`);
        return answer.result as T;
      },
      close: async () => {
        await stop(served.child);
        await stop(peer.child);
      },
    };
  } catch (error) {
    await stop(peer.child);
    throw error;
  }
}
