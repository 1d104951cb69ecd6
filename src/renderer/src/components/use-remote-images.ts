import { useCallback, useMemo, useState } from 'react';
import { restoreImages, withholdRemoteImages } from '../../../shared/remote-images';
import { api } from '../api';
import { useOp } from '../api/hooks';

/** Whether the active profile is in HIPAA mode (its previews load no remote content). */
export function useHipaaMode(): boolean {
  const active = useOp('profiles.active', {}, { staleTime: 30_000 });
  // Until the profile is known, behave as HIPAA: a preview must not fetch before we know it may.
  return active.data ? active.data.profile?.hipaa.enabled === true : true;
}

export interface PreviewImages {
  /** The HTML to show: as given, or (HIPAA) with remote images as placeholders or as the images loaded. */
  html: string | null;
  /** Remote images still shown as placeholders. */
  withheld: number;
  loading: boolean;
  /** Reasons images stayed placeholders after "Load images" (e.g. not on the profile's Odoo). */
  problems: string[];
  /** The explicit "Load images": the main process fetches them from the profile's Odoo only. */
  load(): void;
}

/**
 * A preview's HTML under the console's remote-image policy (src/shared/remote-images.ts): outside
 * HIPAA mode as it is; in HIPAA mode every remote image is a placeholder until the person clicks
 * "Load images", and then only what the main process fetched from the profile's Odoo appears.
 */
export function usePreviewImages(source: string | null): PreviewImages {
  const hipaa = useHipaaMode();
  const [loaded, setLoaded] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [loading, setLoading] = useState(false);
  const [tried, setTried] = useState<readonly string[]>([]);
  const withheld = useMemo(() => (source !== null && hipaa ? withholdRemoteImages(source) : null), [source, hipaa]);
  const html = source === null ? null : withheld ? restoreImages(withheld.html, loaded) : source;
  const pending = useMemo(() => (withheld ? withheld.withheld.filter((src) => !(src in loaded) && !tried.includes(src)) : []), [withheld, loaded, tried]);

  const load = useCallback(() => {
    if (pending.length === 0) return;
    setLoading(true);
    setTried((before) => [...before, ...pending]);
    api.call('email.images.load', { srcs: pending.slice(0, 50) }).then(
      ({ images }) => {
        setLoaded((before) => ({ ...before, ...Object.fromEntries(images.filter((i) => i.data_url).map((i) => [i.src, i.data_url as string])) }));
        setProblems([...new Set(images.flatMap((i) => (i.problem ? [i.problem] : [])))]);
        setLoading(false);
      },
      (error: Error) => {
        setProblems([error.message]);
        setLoading(false);
      },
    );
  }, [pending]);

  return { html, withheld: pending.length, loading, problems, load };
}
