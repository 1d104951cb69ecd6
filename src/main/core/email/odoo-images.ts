import { odooImageUrl } from '../../../shared/remote-images';

/** Larger pictures are not what an email holds; refusing them keeps a preview from pulling a download. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 15_000;

export interface LoadedImage {
  src: string;
  /** The image as a data: URL, for the preview to show without fetching anything itself. */
  data_url: string | null;
  /** Why it stays a placeholder, in words for the person. */
  problem: string | null;
}

export interface OdooImageDeps {
  /** The profile's Odoo address: the only host an image is fetched from. */
  odooUrl: string;
  fetch?: typeof fetch;
}

/**
 * Fetches the images of a preview the person asked to load, for a HIPAA profile: only from the
 * profile's own Odoo (redirects are not followed, since one could lead elsewhere), only pictures,
 * only up to MAX_IMAGE_BYTES. Every other address stays a placeholder, with the reason.
 */
export async function loadOdooImages(srcs: readonly string[], deps: OdooImageDeps): Promise<LoadedImage[]> {
  const get = deps.fetch ?? fetch;
  const host = (() => {
    try {
      return new URL(deps.odooUrl).host;
    } catch {
      return 'your Odoo';
    }
  })();
  return Promise.all(
    srcs.map(async (src): Promise<LoadedImage> => {
      const url = deps.odooUrl ? odooImageUrl(src, deps.odooUrl) : null;
      if (!url) return { src, data_url: null, problem: `Only images stored on your Odoo (${host}) are loaded for a HIPAA profile.` };
      try {
        const response = await get(url, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'image/*' } });
        const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (response.status !== 200) {
          await response.body?.cancel();
          return { src, data_url: null, problem: `Your Odoo answered ${response.status} for this image.` };
        }
        if (!type.startsWith('image/')) {
          await response.body?.cancel();
          return { src, data_url: null, problem: 'Your Odoo did not answer with a picture.' };
        }
        const declared = Number(response.headers.get('content-length') ?? 0);
        if (declared > MAX_IMAGE_BYTES) {
          await response.body?.cancel();
          return { src, data_url: null, problem: 'The image is larger than 5 MB.' };
        }
        const bytes = Buffer.from(await response.arrayBuffer());
        if (bytes.length > MAX_IMAGE_BYTES) return { src, data_url: null, problem: 'The image is larger than 5 MB.' };
        return { src, data_url: `data:${type};base64,${bytes.toString('base64')}`, problem: null };
      } catch {
        return { src, data_url: null, problem: 'Your Odoo could not be reached for this image.' };
      }
    }),
  );
}
