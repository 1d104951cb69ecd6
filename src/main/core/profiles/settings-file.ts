import Conf from 'conf';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { Profile, ProfileId } from '../../../shared/schemas/profile';
import { SETTINGS_VERSION, migrateSettingsV1ToV2 } from './migrations';

/** What the profiles file holds. Secrets are never part of it: they live in the OS keychain. */
export const ProfilesFile = z.object({
  profiles: z.array(Profile),
  activeProfileId: ProfileId.nullable(),
});
export type ProfilesFile = z.infer<typeof ProfilesFile>;

export interface SettingsFile {
  readonly path: string;
  read(): ProfilesFile;
  write(next: ProfilesFile): void;
}

type RawSettings = Record<string, unknown>;

/**
 * The profiles file through `conf` (electron-store's core, so it works outside Electron too):
 * atomic writes, owner-only permissions, versioned migrations. Every read is checked with zod, so
 * a hand-edited or damaged file is reported instead of silently used.
 */
export function openSettingsFile(cwd: string, configName = 'profiles'): SettingsFile {
  let conf: Conf<RawSettings>;
  try {
    conf = new Conf<RawSettings>({
      cwd,
      configName,
      projectVersion: SETTINGS_VERSION,
      migrations: { '2.0.0': (store) => migrateSettingsV1ToV2((key) => store.get(key), (key, value) => store.set(key, value)) },
      defaults: { profiles: [], activeProfileId: null },
      accessPropertiesByDotNotation: false,
      configFileMode: 0o600,
      clearInvalidConfig: false,
    });
  } catch (error) {
    throw damaged(cwd, error instanceof Error ? error.message : String(error));
  }
  const path = conf.path;

  return {
    path,
    read() {
      const parsed = ProfilesFile.safeParse({ profiles: conf.get('profiles'), activeProfileId: conf.get('activeProfileId') });
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw damaged(path, first ? `${first.path.join('.')}: ${first.message}` : 'unexpected content');
      }
      const data = parsed.data;
      // An active id that points nowhere (e.g. edited by hand) means "no active profile".
      const activeExists = data.profiles.some((profile) => profile.id === data.activeProfileId);
      return activeExists ? data : { ...data, activeProfileId: null };
    },
    write(next) {
      const checked = ProfilesFile.parse(next);
      conf.set({ profiles: checked.profiles, activeProfileId: checked.activeProfileId });
    },
  };
}

function damaged(path: string, problem: string): AppError {
  return new AppError(
    'profile.invalid',
    `The console's profiles file (${path}) cannot be read. Restore it from a backup or move it away to start with no profiles.`,
    { path, problem },
  );
}
