import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The demo's store-owner logins and keys (documented in the README, demo only). */
export const OWNER_A = { login: 'owner-a', apiKey: 'markket-demo-store-a-key', storeId: 'demo-store-a' } as const;
export const OWNER_TOKEN = 'e2e-owner-a-token-5c1e8b7d93f24a60';

export interface OwnerConsole {
  /** The console in browser mode, signed in to the shared demo Odoo with store A's owner key. */
  url: string;
  /** The Odoo peer (demo seed, stores isolated), for the test's own look at what Odoo holds. */
  odooUrl: string;
  close(): Promise<void>;
}

/** Starts one of the repository's entry points with tsx and waits for the line saying where it listens. */
export function start(entry: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), entry), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = ready.exec(out);
      if (match) resolve({ child, match });
    });
    child.stderr?.on('data', (chunk: Buffer) => void (err += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`${entry} stopped (${String(code)}) before it was ready:\n${out}\n${err}`)));
  });
}

export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * What a store owner runs: `npm run odoo-peer -- --seed demo` stands in for Markket's shared Odoo
 * (it prints its address only once Odoo setup has isolated the stores), and `npm run serve` signs in
 * to it with MARKKET_ODOO_* set to store A's owner login and key. Both on free ports.
 */
export async function startOwnerConsole(): Promise<OwnerConsole> {
  const odoo = await start('src/main/sandbox/odoo/cli.ts', ['--port', '0', '--seed', 'demo'], {}, /peer listening on (http:\/\/127\.0\.0\.1:\d+)\n[\s\S]*seed: +demo/);
  const odooUrl = odoo.match[1]!;
  try {
    const env = { MARKKET_ODOO_URL: odooUrl, MARKKET_ODOO_DB: 'markket', MARKKET_ODOO_LOGIN: OWNER_A.login, MARKKET_ODOO_API_KEY: OWNER_A.apiKey, MARKKET_STORE_ID: OWNER_A.storeId, MARKKET_API_TOKEN: OWNER_TOKEN };
    const served = await start('src/main/host/serve.ts', ['--port', '0'], env, /Markket console: (http:\/\/127\.0\.0\.1:\d+)\//);
    return {
      url: served.match[1]!,
      odooUrl,
      close: async () => {
        await stop(served.child);
        await stop(odoo.child);
      },
    };
  } catch (error) {
    await stop(odoo.child);
    throw error;
  }
}
