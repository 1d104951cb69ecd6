import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '../../shared/contract';
import { isAppError } from '../../shared/errors';
import { createOdooClient } from '../core/odoo';
import { createProfileManager, createProfileStore, removeProfileLocalData, type ProfileManager } from '../core/profiles';
import type { SecretStore } from '../core/secrets';
import { createDemoProvider } from './demo-provider';
import { downloadsRoute } from './downloads';
import { generateToken } from './guards';
import { handlers } from './handlers';
import { startHttpHost, type ExtraRoute } from './http';
import { followProfileEvents, type ProfileEvents } from './profile-events';
import { PROFILE_EVENT } from '../../shared/profile-events';
import { followActiveProfile, servicesForProfile, type ProfileServicesOptions } from './profile-switch';
import { createServiceHost, type ServiceHost } from './service-host';
import { createServices, type DesktopIntegration, type Services } from './services';
import { sendgridWebhookRoute } from './webhook';

/**
 * What browser mode and the desktop app share: profiles over the given secret store, services that
 * follow the active profile, the demo workspace on first use, and the loopback HTTP host (the API,
 * SendGrid's webhook and one-time downloads). Only the secret store, the first profile and the
 * window around it differ between the two.
 */
export interface ConsoleOptions {
  dataDir: string;
  secrets: SecretStore;
  now?: () => Date;
  port?: number;
  token?: string;
  /** The built renderer, served from the host's origin when it exists (browser mode). */
  staticDir?: string;
  extraRoutes?: ExtraRoute[];
  desktop?: DesktopIntegration;
  /** Tests only: the SendGrid peer standing in for SendGrid's API host of real profiles. */
  sendgridBaseUrl?: string;
  /** Chooses the profile to start with; by default the one that was active last time. */
  chooseProfile?: (profiles: ProfileManager) => Promise<string | null>;
}

export interface ConsoleRuntime {
  host: ServiceHost<Services>;
  profiles: ProfileManager;
  /** The active profile and its HIPAA mode, pushed to the pages on each change (IPC in the app, GET /api/events in browser mode). */
  profileEvents: ProfileEvents;
  url: string;
  port: number;
  token: string;
  rendererServed: boolean;
  close(): Promise<void>;
}

/** Remembers the paths the save dialog returned, each usable once by an export. */
export function withChosenPaths(desktop: DesktopIntegration): DesktopIntegration {
  const chosen = new Set<string>();
  return {
    ...desktop,
    async chooseSavePath(suggestedName) {
      const path = await desktop.chooseSavePath(suggestedName);
      if (path) chosen.add(path);
      return path;
    },
    consumeChosenPath: (path) => chosen.delete(path),
  };
}

export async function startConsole(options: ConsoleOptions): Promise<ConsoleRuntime> {
  const { dataDir, secrets, now } = options;
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const demo = createDemoProvider({ dataDir, ...(now ? { now } : {}) });
    cleanups.push(() => demo.close());
    const store = createProfileStore({ cwd: dataDir, secrets, ...(now ? { now } : {}), demo: demo.connection });
    const profiles = createProfileManager({
      store,
      createOdooClient: (settings) => createOdooClient(settings),
      ...(now ? { now } : {}),
      // A deleted profile leaves no drafts, cached subscribers or extension keys behind.
      beforeDelete: async (id) => void (await removeProfileLocalData({ dir: join(dataDir, 'profiles', id), profileId: id, secrets })),
    });
    const host = createServiceHost(createServices({ odoo: null, profiles, secrets, ...(now ? { now } : {}) }));
    cleanups.push(() => host.close());
    const switching: ProfileServicesOptions = {
      profiles,
      storeNames: demo.storeNames,
      dataDir: (profileId) => join(dataDir, 'profiles', profileId),
      secrets,
      localData: new Map(),
      ...(now ? { now } : {}),
      ...(options.desktop ? { desktop: withChosenPaths(options.desktop) } : {}),
      ...(options.sendgridBaseUrl ? { sendgridBaseUrl: options.sendgridBaseUrl } : {}),
      onBuilt: async (services, kind) => {
        // Within one run the lock outlives the services: a settings change rebuilds them, and must neither lock nor unlock.
        services.session.adopt(host.current().session.carriedState());
        if (kind === 'demo') await demo.prepare(services);
      },
    };

    const first = options.chooseProfile ? await options.chooseProfile(profiles) : await profiles.active().then((a) => a.profile?.id ?? null, () => null);
    // Built explicitly: activating the profile that was already active notifies no listener. A locked
    // keychain or a damaged profile must not keep the console from opening: it starts without a
    // profile and the renderer shows the problem when it asks (only the code is logged, never details).
    const initial = await servicesForProfile(first, switching).catch((error: unknown) => {
      console.error(`Could not open the active profile (${isAppError(error) ? error.code : 'internal'}); starting without one.`);
      return servicesForProfile(null, switching);
    });
    // A new process is no way around the lock: a profile that auto-locks opens locked.
    await initial.session.lockAtStart();
    await host.replace(initial);
    const unfollow = followActiveProfile(host, switching);
    cleanups.push(async () => unfollow());
    // After the services follow, so a page told of a change already gets the new profile's answers.
    const profileEvents = await followProfileEvents(profiles);
    cleanups.push(async () => profileEvents.stop());

    // SendGrid's signed events reach the active profile's services (503 until it has a verification key).
    const webhook = sendgridWebhookRoute({ services: () => host.settled() });
    const rendererServed = !!options.staticDir && existsSync(join(options.staticDir, 'index.html'));
    const http = await startHttpHost({
      contract,
      handlers,
      services: () => host.current(),
      hipaa: () => host.current().local?.hipaa ?? false,
      ...(options.port !== undefined ? { port: options.port } : {}),
      token: options.token ?? generateToken(),
      ...(rendererServed ? { staticDir: options.staticDir } : {}),
      extraRoutes: [
        webhook,
        // One-time download links of exports (no token in the URL: the unguessable id is the credential).
        downloadsRoute({ services: () => ({ downloads: host.current().local?.downloads, isLocked: async () => (await host.current().session.status()).locked }) }),
        ...(options.extraRoutes ?? []),
      ],
      pushEvents: [{ name: PROFILE_EVENT, current: () => profileEvents.current(), subscribe: (listener) => profileEvents.subscribe(listener) }],
    });
    cleanups.push(async () => {
      await http.close();
      // Events accepted (202) are applied in the background: let them land before the data goes away.
      await webhook.whenIdle();
      await host.current().webhookInbox.whenIdle();
    });
    demo.attachHost(http.url);
    return { host, profiles, profileEvents, url: http.url, port: http.port, token: http.token, rendererServed, close };
  } catch (error) {
    await close();
    throw error;
  }
}
