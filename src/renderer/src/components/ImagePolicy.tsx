import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { imageSourcesDirective } from '../../../shared/remote-images';
import { profileChanges } from '../api';
import { opQueryKey, useOp, type OpOutput } from '../api/hooks';

/** Set by the page itself once the active profile turned out to be (or became) a HIPAA profile. */
const META_ID = 'markket-hipaa-image-policy';

/**
 * Keeps the page's image policy on the active profile's, without waiting for a reload (issue 18).
 * The server's Content-Security-Policy is fixed when the page loads; a profile that goes HIPAA
 * later gets a second policy at once, as a <meta> element: a browser enforces every policy it is
 * given, so the stricter img-src applies from then on. A policy can only be tightened that way,
 * so when a page that carries it sees the profile leave HIPAA mode, it loads itself again under
 * the server's policy for the profile as it is now.
 * A change made elsewhere (another window, a script over the API) is pushed to the page (IPC, or
 * GET /api/events in browser mode): the page then asks for the active profile again at once.
 */
export function ImagePolicy(): null {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      profileChanges((event) => {
        const known = queryClient.getQueryData<OpOutput<'profiles.active'>>(opQueryKey('profiles.active', {}));
        // The stream opens with the state as it is: no second request when the page knows it already.
        if (known && (known.profile?.id ?? null) === event.activeProfileId && (known.profile?.hipaa.enabled === true) === event.hipaa) return;
        void queryClient.invalidateQueries({ queryKey: opQueryKey('profiles.active') });
      }),
    [queryClient],
  );
  const active = useOp('profiles.active', {});
  const hipaa = active.data ? active.data.profile?.hipaa.enabled === true : null;
  useEffect(() => {
    if (hipaa === null) return;
    const meta = document.getElementById(META_ID);
    if (hipaa && !meta) {
      const strict = document.createElement('meta');
      strict.id = META_ID;
      strict.httpEquiv = 'Content-Security-Policy';
      strict.content = `img-src ${imageSourcesDirective(true)}`;
      document.head.appendChild(strict);
    } else if (!hipaa && meta) {
      window.location.reload();
    }
  }, [hipaa]);
  return null;
}
