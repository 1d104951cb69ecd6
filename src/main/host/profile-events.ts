import type { ProfileManager } from '../core/profiles';
import type { ProfileView } from '../../shared/schemas/profile';
import type { ActiveProfileEvent } from '../../shared/profile-events';

export type ProfileEventListener = (event: ActiveProfileEvent) => void;

/** The active profile and its HIPAA mode as the pages see them, pushed on each change (issue 18). */
export interface ProfileEvents {
  current(): ActiveProfileEvent;
  /** Hears every later change; returns the way to stop. A listener that throws is not allowed to stop the others. */
  subscribe(listener: ProfileEventListener): () => void;
  stop(): void;
}

const eventOf = (profile: ProfileView | null): ActiveProfileEvent => ({ activeProfileId: profile?.id ?? null, hipaa: profile?.hipaa.enabled === true });

/**
 * Follows the profile manager's activations. Started after the services follow the profile, so a
 * listener runs once the new services answer: a page that asks again on hearing it gets the new
 * profile's answers. A settings change that alters neither the profile nor its HIPAA mode is not
 * announced.
 */
export async function followProfileEvents(profiles: ProfileManager): Promise<ProfileEvents> {
  let state = eventOf(await profiles.active().then((a) => a.profile, () => null));
  const listeners = new Set<ProfileEventListener>();
  const stopFollowing = profiles.onActivate((profile) => {
    const next = eventOf(profile);
    if (next.activeProfileId === state.activeProfileId && next.hipaa === state.hipaa) return;
    state = next;
    for (const listener of [...listeners]) {
      try {
        listener(next);
      } catch {
        // One closed window or stream must not keep the change from the others, nor undo the change.
      }
    }
  });
  return {
    current: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    stop() {
      stopFollowing();
      listeners.clear();
    },
  };
}
