import type { AppContract } from '../../../shared/contract';
import type { draftOps } from '../../../shared/ops/drafts';
import type { Handlers } from '../../../shared/rpc';
import type { Services } from '../services';
import { mustGetDraft, requireLocal } from './local-common';

type DraftServices = Pick<Services, 'local' | 'connectivity'>;

/** Offline drafting: every save lands on disk first, then goes out through the outbox when Odoo answers. */
export const draftHandlers: Pick<Handlers<AppContract, DraftServices>, keyof typeof draftOps> = {
  'drafts.list': async ({ storeId }, s) => {
    const { drafts } = requireLocal(s);
    return { drafts: await drafts.list(storeId ? { storeId } : {}), unreadable: await drafts.quarantined() };
  },
  'drafts.get': async ({ id }, s) => {
    const local = requireLocal(s);
    const draft = await mustGetDraft(local, id);
    const outbox = (await local.outbox.list()).filter((item) => item.draftId === id);
    return { draft, remote: draft.sync.state === 'conflict' ? (draft.sync.remote ?? null) : null, outbox };
  },
  'drafts.save': async ({ keepLocal, ...input }, s) => {
    const local = requireLocal(s);
    const saved = await local.drafts.save(input);
    // A draft never sent to Odoo has no campaign id yet: with keepLocal it stays here (issue 10).
    if (keepLocal && !saved.campaignId) return saved;
    await local.sync.queue(saved.id);
    local.pushSoon();
    // queue() assigned the campaign id and marked it pending: answer the draft as it is now on disk.
    return mustGetDraft(local, saved.id);
  },
  'drafts.delete': async ({ id }, s) => {
    const local = requireLocal(s);
    const discarded = await local.outbox.discardForDraft(id);
    return { deleted: await local.drafts.delete(id), discarded };
  },
  'drafts.sync': async (_input, s, ctx) => {
    const local = requireLocal(s);
    // Offline by the last known state: look again first, so "Sync now" after reconnecting just works.
    if (!s.connectivity.current().online) await s.connectivity.check();
    return local.sync.flush({ signal: ctx.signal });
  },
  'drafts.resolveConflict': async ({ id, choice }, s) => {
    const local = requireLocal(s);
    const draft = await local.sync.resolveConflict(id, choice);
    local.pushSoon();
    return draft;
  },
  'outbox.list': async (_input, s) => ({ items: await requireLocal(s).outbox.list() }),
  'outbox.retry': async ({ id }, s) => {
    const local = requireLocal(s);
    const item = await local.outbox.retry(id);
    local.pushSoon();
    return item;
  },
  'outbox.discard': async ({ id }, s) => ({ discarded: await requireLocal(s).outbox.discard(id) }),
  'connectivity.status': async ({ probe }, s) => (probe ? s.connectivity.check() : s.connectivity.current()),
};
