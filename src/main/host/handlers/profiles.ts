import type { AppContract } from '../../../shared/contract';
import type { profileOps } from '../../../shared/ops/profiles';
import type { Handlers } from '../../../shared/rpc';
import type { ProfileManager } from '../../core/profiles/manager';

export interface ProfileServices {
  profiles: ProfileManager;
}

/** The profile operations: thin, the rules live in core/profiles. */
export const profileHandlers: Pick<Handlers<AppContract, ProfileServices>, keyof typeof profileOps> = {
  'profiles.list': (_input, s) => s.profiles.list(),
  'profiles.create': (input, s) => s.profiles.create(input),
  'profiles.update': (input, s) => s.profiles.update(input),
  'profiles.delete': ({ id }, s) => s.profiles.delete(id),
  'profiles.setSecret': ({ id, secret, value }, s) => s.profiles.setSecret(id, secret, value),
  'profiles.testConnection': ({ id }, s) => s.profiles.testConnection(id),
  'profiles.activate': ({ id }, s) => s.profiles.activate(id),
  'profiles.active': (_input, s) => s.profiles.active(),
};
