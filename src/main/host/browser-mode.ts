import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { OdooConnectionSettings } from '../core/odoo';
import type { ProfileManager } from '../core/profiles';
import { createMemorySecretStore } from '../core/secrets';
import { startConsole } from './console';
import type { ExtraRoute } from './http';
import { DEMO_STORE } from '../sandbox/odoo';

/** The Odoo profile a headless run can take from the environment (see README, "Browser mode"). */
export interface EnvOdooProfile {
  odoo: OdooConnectionSettings;
  storeId: string | undefined;
}

export interface BrowserModeOptions {
  /** Start the demo workspace even when an Odoo is configured. */
  demo: boolean;
  envOdoo: EnvOdooProfile | null;
  port?: number;
  token?: string;
  /** Profiles and demo data; a fresh temporary folder (removed on close) when absent. */
  dataDir?: string;
  /**
   * The caller removes `dataDir` after the run (tests): the data then lasts no longer than the keys
   * kept in memory, and HIPAA mode may be turned on. Otherwise a given folder outlives the keys.
   */
  temporaryDataDir?: boolean;
  /** The built renderer; served when it exists. */
  staticDir?: string;
  extraRoutes?: ExtraRoute[];
  now?: () => Date;
  /** Tests only: the SendGrid peer standing in for SendGrid's API host of real profiles. */
  sendgridBaseUrl?: string;
}

export interface BrowserMode {
  url: string;
  /** The address to open: the token travels in the fragment, which never reaches a server log. */
  consoleUrl: string;
  port: number;
  token: string;
  mode: 'demo' | 'env';
  rendererServed: boolean;
  close(): Promise<void>;
}

/** Reads MARKKET_ODOO_* from the environment; null when no Odoo URL is set. */
export function envOdooProfile(env: NodeJS.ProcessEnv): EnvOdooProfile | null {
  const url = env.MARKKET_ODOO_URL?.trim();
  if (!url) return null;
  const missing = ['MARKKET_ODOO_DB', 'MARKKET_ODOO_LOGIN', 'MARKKET_ODOO_API_KEY'].filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new AppError('profile.invalid', `MARKKET_ODOO_URL is set but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`, { missing });
  }
  const protocol = env.MARKKET_ODOO_PROTOCOL?.trim() || 'auto';
  if (protocol !== 'auto' && protocol !== 'jsonrpc' && protocol !== 'json2') {
    throw new AppError('profile.invalid', 'MARKKET_ODOO_PROTOCOL must be auto, jsonrpc or json2.', { protocol });
  }
  return {
    odoo: { url, database: env.MARKKET_ODOO_DB!.trim(), login: env.MARKKET_ODOO_LOGIN!.trim(), apiKey: env.MARKKET_ODOO_API_KEY!.trim(), protocol },
    storeId: env.MARKKET_STORE_ID?.trim() || undefined,
  };
}

/** Makes the run's profile (demo, or the environment's Odoo) exist and be the active one. */
async function activateRunProfile(profiles: ProfileManager, mode: 'demo' | 'env', envOdoo: EnvOdooProfile | null): Promise<string> {
  const { profiles: saved } = await profiles.list();
  if (mode === 'demo') {
    const demo = saved.find((p) => p.kind === 'demo') ?? (await profiles.create({ name: 'Demo workspace', kind: 'demo', storeIds: [DEMO_STORE.id] }));
    return (await profiles.activate(demo.id)).id;
  }
  const { odoo, storeId } = envOdoo as EnvOdooProfile;
  const settings = { url: odoo.url, database: odoo.database, login: odoo.login, protocol: odoo.protocol ?? 'auto' };
  const existing = saved.find((p) => p.kind === 'own-odoo' && p.odoo.url === odoo.url && p.odoo.database === odoo.database && p.odoo.login === odoo.login);
  const profile = existing
    ? await profiles.setSecret(existing.id, 'odoo', odoo.apiKey)
    : await profiles.create({ name: 'Odoo from the environment', kind: 'own-odoo', odoo: settings, storeIds: storeId ? [storeId] : [], secrets: { odooApiKey: odoo.apiKey } });
  return (await profiles.activate(profile.id)).id;
}

/**
 * `npm run serve`: the loopback host serving the contract and the built renderer from one origin.
 * Secrets live in memory only for the run (a headless host may have no keychain).
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const mode = options.demo || !options.envOdoo ? 'demo' : 'env';
  const ownDataDir = options.dataDir ? null : await mkdtemp(join(tmpdir(), 'markket-serve-'));
  const dataDir = options.dataDir ?? (ownDataDir as string);
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true });
  };

  try {
    const runtime = await startConsole({
      dataDir,
      // A headless host may have no keychain: browser mode keeps keys in memory for the run only.
      // With a data folder that lasts (--data-dir), that is shorter than the data: HIPAA mode is refused.
      secrets: { ...createMemorySecretStore(), forgottenOnRestart: options.dataDir !== undefined && !options.temporaryDataDir },
      ...(options.now ? { now: options.now } : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.token ? { token: options.token } : {}),
      ...(options.staticDir ? { staticDir: options.staticDir } : {}),
      ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
      ...(options.sendgridBaseUrl ? { sendgridBaseUrl: options.sendgridBaseUrl } : {}),
      chooseProfile: (profiles) => activateRunProfile(profiles, mode, options.envOdoo),
    });
    cleanups.push(() => runtime.close());
    const { url, token, port, rendererServed } = runtime;
    return { url, consoleUrl: `${url}/#token=${token}`, port, token, mode, rendererServed, close };
  } catch (error) {
    await close();
    throw error;
  }
}
