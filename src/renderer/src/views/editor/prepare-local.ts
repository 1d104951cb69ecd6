import { AppError } from '../../../../shared/errors';
import { api } from '../../api';

/**
 * Sending needs Odoo now: the local draft is pushed (subject, sender, template, list and segment all
 * travel with it) and the campaign id of its mailing answered. Nothing else writes the mailing
 * here, so a later edit of the draft is not mistaken for a change made in Odoo. The schedule is
 * given to Send itself.
 */
export async function prepareLocal(draftId: string): Promise<string> {
  const status = await api.call('connectivity.status', { probe: true });
  if (!status.online) throw new AppError('offline', 'Sending and scheduling need a live connection to Odoo. Your draft is saved on this computer; send it when you are back online.');
  await api.call('drafts.sync', {});
  const { draft } = await api.call('drafts.get', { id: draftId });
  if (draft.sync.state === 'conflict') throw new AppError('conflict', 'This campaign was changed in Odoo too. Pick a version in the editor first.');
  if (draft.sync.state === 'error' && draft.sync.lastError) throw AppError.fromPayload(draft.sync.lastError);
  if (!draft.campaignId || draft.sync.state !== 'synced') throw new AppError('offline', 'The draft has not reached Odoo yet. Try again in a moment.');
  return draft.campaignId;
}
