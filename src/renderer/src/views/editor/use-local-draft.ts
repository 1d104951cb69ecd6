import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { opQueryKey, useOp, type OpInput, type OpOutput } from '../../api/hooks';
import { saveTarget } from './save-target';

type Draft = OpOutput<'drafts.save'>;
type Content = Omit<OpInput<'drafts.save'>, 'id' | 'baseVersion' | 'keepLocal'>;

export interface LocalDraft {
  /** The draft as last saved on this computer (null until the first save of a new campaign). */
  draft: Draft | null;
  /** drafts.get: the draft with Odoo's version beside it when they conflict. */
  detail: OpOutput<'drafts.get'> | undefined;
  saving: boolean;
  /** The last local save failed (disk, validation): the edits are only in this window. */
  error: unknown;
  /**
   * Saves what the form holds now, without waiting for the debounce, and answers the draft as
   * saved (null for a form never edited). `toOdoo` sends a new draft to Odoo too ("Save to Odoo",
   * review); until then a new campaign stays on this computer.
   */
  flush(options?: { toOdoo?: boolean }): Promise<Draft | null>;
}

const debounceMs = 700;

/**
 * Saves every edit on this computer first: debounced, one save at a time, each based on the version
 * the previous one returned (drafts.save rejects a stale baseVersion, so two windows cannot silently
 * overwrite each other). Odoo gets the draft from the outbox; while it is pending we look again.
 */
export function useLocalDraft(initial: Draft | null, content: Content | null): LocalDraft {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft | null>(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef<Draft | null>(initial);
  const serialized = content ? JSON.stringify(content) : null;
  const lastSaved = useRef<string | null>(initial ? serializedOf(initial) : null);
  // Saves run one after another on this chain; each writes whatever is wanted when its turn comes,
  // so edits made during a slow save collapse into one.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const wanted = useRef<string | null>(null);
  // A new campaign's id is chosen here, before its first save, and kept until a save succeeds: when
  // that save's answer is lost, the next one repeats it under the same id, so no second draft appears.
  const newId = useRef<string>(crypto.randomUUID());
  const current = useRef(serialized);
  useEffect(() => {
    current.current = serialized;
  }, [serialized]);

  const detail = useOp('drafts.get', { id: draft?.id ?? '00000000-0000-4000-8000-000000000000' }, {
    enabled: draft !== null,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.draft.sync.state === 'pending' || (q.state.data?.draft.sync.state === 'local' && q.state.data.draft.campaignId) ? 2000 : 15_000),
  });

  const saveWanted = useCallback((toOdoo = false): Promise<Draft | null> => {
    const turn = chain.current.catch(() => undefined).then(async () => {
      const base = latest.current;
      // A draft not yet on its way to Odoo is saved once more, as it is, when it should go there now.
      const sendNow = toOdoo && base !== null && !base.campaignId;
      const json = wanted.current ?? (sendNow ? lastSaved.current : null);
      if (!json || (json === lastSaved.current && !sendNow)) return latest.current;
      setSaving(true);
      try {
        const saved = await api.call('drafts.save', { ...(JSON.parse(json) as Content), ...saveTarget(base, newId.current), keepLocal: !toOdoo });
        latest.current = saved;
        lastSaved.current = json;
        setDraft(saved);
        setError(null);
        queryClient.setQueryData(opQueryKey('drafts.get', { id: saved.id }), (old: OpOutput<'drafts.get'> | undefined) => (old ? { ...old, draft: saved } : old));
        void queryClient.invalidateQueries({ queryKey: ['drafts.get'] });
        void queryClient.invalidateQueries({ queryKey: ['drafts.list'] });
        void queryClient.invalidateQueries({ queryKey: ['outbox.list'] });
        return saved;
      } catch (e) {
        setError(e);
        throw e;
      } finally {
        setSaving(false);
      }
    });
    chain.current = turn;
    return turn;
  }, [queryClient]);

  useEffect(() => {
    if (!serialized || serialized === lastSaved.current) return;
    const timer = setTimeout(() => {
      wanted.current = serialized;
      void saveWanted().catch(() => undefined);
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [serialized, saveWanted]);

  const flush = useCallback((options: { toOdoo?: boolean } = {}) => {
    if (current.current) wanted.current = current.current;
    return saveWanted(options.toOdoo ?? false);
  }, [saveWanted]);

  // A conflict resolved elsewhere (or "Take Odoo's") gives the draft a new version: follow it.
  const fresh = detail.data?.draft;
  useEffect(() => {
    if (fresh && latest.current && fresh.id === latest.current.id && fresh.version > latest.current.version) {
      latest.current = fresh;
      lastSaved.current = serializedOf(fresh);
      setDraft(fresh);
    }
  }, [fresh]);

  return { draft: detail.data?.draft ?? draft, detail: detail.data, saving, error, flush };
}

function serializedOf(d: Draft): string {
  const content: Content = { storeId: d.storeId, subject: d.subject, previewText: d.previewText, ...(d.emailFrom !== undefined ? { emailFrom: d.emailFrom } : {}), templateId: d.templateId, listId: d.listId, segment: d.segment, ...(d.keptAudience ? { keptAudience: d.keptAudience } : {}), schedule: d.schedule, ...(d.body !== undefined ? { body: d.body } : {}) };
  return JSON.stringify(content);
}
