import { AppError } from '../../../shared/errors';
import type { LocalServices } from '../local-runtime';

/** Drafts, exports and the audit log belong to a profile: without one there is nowhere to keep them. */
export function requireLocal(s: { local?: LocalServices }): LocalServices {
  if (!s.local) {
    throw new AppError('odoo.not_configured', 'Drafts, exports and the audit log are kept per profile. Open Settings to connect your Odoo, or explore the demo workspace.');
  }
  return s.local;
}

export async function mustGetDraft(local: LocalServices, id: string) {
  const draft = await local.drafts.get(id);
  if (!draft) throw new AppError('not_found', 'This draft no longer exists on this computer.', { draftId: id });
  return draft;
}
