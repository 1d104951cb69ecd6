import { useEffect } from 'react';
import { imageSourcesDirective } from '../../../shared/remote-images';
import { useOp } from '../api/hooks';

/** Set by the page itself once the active profile turned out to be (or became) a HIPAA profile. */
const META_ID = 'markket-hipaa-image-policy';
/** How often the page asks whether the profile changed elsewhere (another window, a script over the API). */
const RECHECK_MS = 10_000;

/**
 * Keeps the page's image policy on the active profile's, without waiting for a reload (issue 18).
 * The server's Content-Security-Policy is fixed when the page loads; a profile that goes HIPAA
 * later gets a second policy at once, as a <meta> element: a browser enforces every policy it is
 * given, so the stricter img-src applies from then on. A policy can only be tightened that way,
 * so when a page that carries it sees the profile leave HIPAA mode, it loads itself again under
 * the server's policy for the profile as it is now.
 */
export function ImagePolicy(): null {
  const active = useOp('profiles.active', {}, { refetchInterval: RECHECK_MS, refetchIntervalInBackground: true });
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
