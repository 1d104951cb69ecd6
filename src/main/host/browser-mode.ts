import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { createOdooClient, type OdooConnectionSettings } from '../core/odoo';
import { createProfileManager, createProfileStore, type ProfileManager } from '../core/profiles';
import { createMemorySecretStore } from '../core/secrets';
import { startDemoWorkspace, type DemoWorkspace } from '../sandbox/demo-workspace';
import { DEMO_STORE } from '../sandbox/odoo';
import { generateToken } from './guards';
import { handlers } from './handlers';
import { startHttpHost, type ExtraRoute } from './http';
import { followActiveProfile, servicesForProfile } from './profile-switch';
import { createServiceHost } from './service-host';
import { createServices } from './services';
import { sendgridWebhookRoute } from './webhook';
import { downloadsRoute } from './downloads';

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
  /** The built renderer; served when it exists. */
  staticDir?: string;
  extraRoutes?: ExtraRoute[];
  now?: () => Date;
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
    let workspace: Promise<DemoWorkspace> | undefined;
    // Started on first use: an Odoo-from-environment run only pays for it if someone picks the demo.
    const demoWorkspace = () => {
      if (!workspace) {
        workspace = startDemoWorkspace({ dataDir: join(dataDir, 'demo'), now: options.now });
        cleanups.push(async () => (await workspace)?.close());
      }
      return workspace;
    };
    const secrets = createMemorySecretStore();
    const store = createProfileStore({
      cwd: dataDir,
      secrets,
      now: options.now,
      demo: async () => {
        const w = await demoWorkspace();
        return { odoo: { ...w.odooSettings, protocol: 'auto' }, storeIds: w.stores.map((s) => s.id) };
      },
    });
    const profiles = createProfileManager({ store, createOdooClient: (settings) => createOdooClient(settings), now: options.now });
    const storeNames = { [DEMO_STORE.id]: DEMO_STORE.name };
    const profileDir = (profileId: string) => join(dataDir, 'profiles', profileId);

    const host = createServiceHost(createServices({ odoo: null, profiles, now: options.now }));
    cleanups.push(() => host.close());
    const activeId = await activateRunProfile(profiles, mode, options.envOdoo);
    // Built explicitly: activating the profile that was already active notifies no listener.
    await host.replace(await servicesForProfile(activeId, { profiles, now: options.now, storeNames, dataDir: profileDir, secrets }));
    const unfollow = followActiveProfile(host, { profiles, now: options.now, storeNames, dataDir: profileDir, secrets });
    cleanups.push(async () => unfollow());

    const rendererServed = !!options.staticDir && existsSync(join(options.staticDir, 'index.html'));
    const http = await startHttpHost({
      contract,
      handlers,
      services: () => host.current(),
      port: options.port,
      token: options.token ?? generateToken(),
      staticDir: rendererServed ? options.staticDir : undefined,
      // SendGrid's signed events reach the active profile's services (503 until it has a verification key).
      extraRoutes: [
        sendgridWebhookRoute({ services: () => host.current() }),
        // One-time download links of exports in browser mode (no token in the URL: the id is the credential).
        downloadsRoute({ services: () => ({ downloads: host.current().local?.downloads, isLocked: async () => (await host.current().session.status()).locked }) }),
        ...(options.extraRoutes ?? []),
      ],
    });
    cleanups.push(() => http.close());
    return { url: http.url, consoleUrl: `${http.url}/#token=${http.token}`, port: http.port, token: http.token, mode, rendererServed, close };
  } catch (error) {
    await close();
    throw error;
  }
}
