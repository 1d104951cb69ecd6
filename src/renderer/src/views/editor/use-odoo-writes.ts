import { useCallback, useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { useOpMutation, type OpInput, type OpOutput } from '../../api/hooks';
import { segmentOf, toUpdateInput, type EditorValues } from './values';

type Audience = OpOutput<'marketing.campaigns.get'>['audience'];
type Mode = { kind: 'local' } | { kind: 'odoo'; campaignId: string; audience: Audience };

/**
 * The editor's writes to a draft that lives in Odoo (made there, or duplicated): edits go straight
 * to Odoo, debounced, measured against what Odoo holds from this editor; an audience changed in Odoo
 * since the editor opened or wrote it is a conflict, never written over unasked. For a local draft
 * it writes nothing (its edits are the local draft's) and only answers what the picker shows as held.
 */
export function useOdooWrites({ storeId, mode, v, initial, odooBody, replaceOdoo }: {
  storeId: string;
  mode: Mode;
  v: EditorValues;
  /** What the form opened with, frozen. */
  initial: EditorValues;
  odooBody: OpOutput<'marketing.campaigns.body.get'> | undefined;
  /** The person chose to replace Odoo's own version of the email (the server asks the same). */
  replaceOdoo: boolean;
}) {
  const queryClient = useQueryClient();
  // Audience versions this editor opened or wrote itself; any other one Odoo shows was set elsewhere.
  const [openedAudience] = useState(mode.kind === 'odoo' ? mode.audience : null);
  const [ownVersions, setOwnVersions] = useState<ReadonlySet<string>>(() => new Set(openedAudience ? [openedAudience.version] : []));
  const markOwn = (version: string) => setOwnVersions((known) => new Set([...known, version]));
  const [baseAudience, setBaseAudience] = useState(openedAudience?.version);
  const update = useOpMutation('marketing.campaigns.update', {
    invalidates: ['marketing.campaigns.list'],
    onSuccess: (result) => {
      markOwn(result.audience_version);
      setBaseAudience(result.audience_version);
      // Refetched only now, so the version just written is known as ours before it shows.
      void queryClient.invalidateQueries({ queryKey: ['marketing.campaigns.get'] });
    },
    // A refused template change (the email was changed in Odoo) shows Odoo's version, with the notice.
    onError: (error) => {
      if (error.code === 'conflict' && error.details?.edited_in_odoo) void queryClient.invalidateQueries({ queryKey: ['marketing.campaigns.body.get'] });
    },
  });
  // The email the editor opened: a template change names it, so one changed in Odoo since is refused.
  // After the editor's own change it is no longer what Odoo holds; the server still refuses Odoo's edits.
  const bodyBase = useRef(odooBody?.body_version);
  const withBodyGuard = useCallback(
    (input: OpInput<'marketing.campaigns.update'>): OpInput<'marketing.campaigns.update'> =>
      input.sendgrid_template_id ? { ...input, ...(bodyBase.current ? { base_body: bodyBase.current } : {}), ...(replaceOdoo ? { replace_odoo_edits: true } : {}) } : input,
    [replaceOdoo],
  );
  const saveBody = useOpMutation('marketing.campaigns.body.save', { invalidates: ['marketing.campaigns.body.get'] });
  const startFromFavorite = useOpMutation('marketing.campaigns.body.use_favorite', { invalidates: ['marketing.campaigns.body.get'] });
  const startFromFavoriteMutate = startFromFavorite.mutate;
  const [debounced] = useDebouncedValue(v, 900);
  const updateMutate = update.mutate;
  const saveBodyMutate = saveBody.mutate;
  const campaignId = mode.kind === 'odoo' ? mode.campaignId : null;
  // What Odoo holds from this editor: changes are measured against it, so going back to an earlier
  // value is written too, and nothing already written is sent again.
  const [written, setWritten] = useState<EditorValues>(initial);
  const lastSent = useRef<string | null>(null);
  // The last edit sent to Odoo, so "Try again" repeats exactly it (a write: repeating it is safe).
  const lastUpdate = useRef<{ input: Parameters<typeof updateMutate>[0]; wanted: EditorValues } | null>(null);
  const retryUpdate = () => {
    const last = lastUpdate.current;
    if (last) updateMutate(last.input, { onSuccess: () => setWritten(last.wanted) });
  };
  const lastFavorite = useRef<number | null>(null);
  useEffect(() => {
    if (campaignId === null || debounced === initial || debounced.subject.trim() === '') return;
    const wanted = { ...debounced, templateId: debounced.templateId || initial.templateId };
    const input = withBodyGuard(toUpdateInput(storeId, campaignId, wanted, written, baseAudience));
    const { base_audience: _base, storeId: _s, campaignId: _c, ...what } = input;
    const key = JSON.stringify(what);
    if (Object.keys(what).length > 0 && key !== lastSent.current) {
      lastSent.current = key;
      lastUpdate.current = { input, wanted };
      updateMutate(input, { onSuccess: () => { setWritten(wanted); if (input.sendgrid_template_id) bodyBase.current = undefined; } });
    }
    if (debounced.document && debounced.document !== initial.document) saveBodyMutate({ storeId, campaignId, document: debounced.document, replace_odoo_edits: replaceOdoo });
    const favoriteId = debounced.favorite?.id;
    if (favoriteId && debounced.favorite !== initial.favorite && lastFavorite.current !== favoriteId) {
      lastFavorite.current = favoriteId;
      startFromFavoriteMutate({ storeId, campaignId, favorite_id: favoriteId, replace_odoo_edits: replaceOdoo });
    }
  }, [debounced, campaignId, storeId, initial, written, baseAudience, updateMutate, saveBodyMutate, startFromFavoriteMutate, replaceOdoo, withBodyGuard]);
  // The audience Odoo holds now, when it was changed elsewhere since this editor opened or wrote it.
  const refused = update.error?.code === 'conflict' ? (update.error.details?.odoo as Audience | undefined) : undefined;
  const liveAudience = mode.kind === 'odoo' ? mode.audience : null;
  const changedInOdoo = refused ?? (liveAudience && !ownVersions.has(liveAudience.version) ? liveAudience : undefined);
  const audienceUnchanged = v.segment === written.segment && v.listId === written.listId && (v.segment !== 'tag' || v.tag === written.tag);
  const keepMine = (odooVersion: string) => {
    if (campaignId === null) return;
    markOwn(odooVersion);
    lastSent.current = null;
    setBaseAudience(odooVersion);
    // The form's whole audience, written knowingly over the version Odoo showed.
    const mine = v;
    updateMutate({ storeId, campaignId, ...(v.listId ? { list_id: Number(v.listId) } : {}), segment: segmentOf(v), base_audience: odooVersion }, { onSuccess: () => setWritten(mine) });
  };
  /** Before the review sends: everything the form holds written to Odoo now, not after the debounce. */
  const writeNow = async (id: string) => {
    const result = await api.call('marketing.campaigns.update', withBodyGuard(toUpdateInput(storeId, id, v, written, baseAudience)));
    markOwn(result.audience_version);
    if (v.document) await api.call('marketing.campaigns.body.save', { storeId, campaignId: id, document: v.document, replace_odoo_edits: replaceOdoo });
    else if (v.favorite?.id && v.favorite !== initial.favorite) await api.call('marketing.campaigns.body.use_favorite', { storeId, campaignId: id, favorite_id: v.favorite.id, replace_odoo_edits: replaceOdoo });
  };

  // What the picker shows as held: Odoo's audience for an Odoo draft; for a local draft, the audience
  // it kept from Odoo (counted by Odoo when kept), while the person has not picked another.
  const keptLocally = mode.kind === 'local' ? initial.kept : null;
  const storedAudience = openedAudience
    ? { recipients: (liveAudience && ownVersions.has(liveAudience.version) ? liveAudience : openedAudience).recipients, custom: written.segment === 'custom', unchanged: audienceUnchanged, label: openedAudience.label }
    : keptLocally ? { recipients: keptLocally.recipients, custom: true, unchanged: v.segment === 'custom', label: keptLocally.label } : undefined;

  return { campaignId, update, saveBody, startFromFavorite, retryUpdate, keepMine, writeNow, openedAudience, changedInOdoo, audienceUnchanged, storedAudience };
}
