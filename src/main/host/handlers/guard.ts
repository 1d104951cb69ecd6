import type { z } from 'zod';
import type { AppContract, OpName } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { CallContext, Handlers } from '../../../shared/rpc';
import { notSetUp } from '../../core/setup/not-set-up';
import type { Services } from '../services';

type AnyHandler = (input: never, s: Services, ctx: CallContext) => unknown;
type Run = () => Promise<unknown>;
type Hook = (input: Record<string, unknown>, s: Services, run: Run) => Promise<unknown>;

/**
 * Usable while the console is locked: the lock itself, which profile is active and whether Odoo
 * answers (the header shows both). Everything else may return personal data and answers `locked`.
 * Not session.setPassphrase: replacing the passphrase is for an unlocked user, and its check of
 * the current one must not be a second way to guess it.
 */
export const USABLE_WHILE_LOCKED: ReadonlySet<OpName> = new Set<OpName>([
  'session.status', 'session.touch', 'session.lock', 'session.unlock', 'session.unlockWithSystem', 'profiles.active', 'connectivity.status',
]);

function lockedError(): AppError {
  return new AppError('locked', 'The console is locked after a period of inactivity. Unlock it with your passphrase to continue.');
}

function offlineError(cause?: AppError): AppError {
  return new AppError('offline', 'Sending needs a live connection to Odoo, and Odoo cannot be reached right now. Your campaign was not sent or queued; try again when you are back online.', cause ? { cause: cause.code } : undefined);
}

/**
 * Transport failures before any byte of the request left (see transportToAppError in
 * core/odoo/errors.ts, which puts the socket's code in `reason`): refused, no such host, no route.
 * A reset or an aborted connection is not among them: the request may have reached Odoo.
 */
const NEVER_REACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
function neverReachedOdoo(error: unknown): error is AppError {
  if (!(error instanceof AppError) || error.code !== 'odoo.unreachable') return false;
  const reason = error.details?.reason;
  return typeof reason === 'string' && NEVER_REACHED.has(reason);
}

/**
 * A create whose answer was lost (the request reached Odoo: a reset, a timeout, a 5xx or a body cut
 * short) may have made the campaign. With a client_request_id the same request is safe to repeat,
 * so the error says so and carries the id to retry with; without one it says to look first.
 */
function unknownOutcome(error: unknown, input: Record<string, unknown>, what: string): unknown {
  if (!(error instanceof AppError) || error.details?.outcome !== 'unknown') return error;
  const requestId = typeof input.client_request_id === 'string' ? input.client_request_id : undefined;
  const base = `Odoo received the request, but its answer was lost, so the ${what} may or may not have been saved.`;
  if (requestId) {
    return new AppError(error.code, `${base} Retry with the same request id ("${requestId}"): it will not make a second one.`, { ...error.details, retry: { client_request_id: requestId } });
  }
  return new AppError(error.code, `${base} Look for it in the campaign list before trying again: without a request id, a retry can make a second one.`, error.details);
}

/** Errors after which the last fetched answer is better than none. */
const UNREACHABLE = new Set(['odoo.unreachable', 'odoo.timeout', 'odoo.server_error', 'sendgrid.unreachable', 'sendgrid.server_error', 'offline']);
const isUnreachable = (error: unknown): error is AppError => error instanceof AppError && (UNREACHABLE.has(error.code) || error.details?.transient === true);

/**
 * Read operations that answer from the offline cache when Odoo (or SendGrid) cannot be reached,
 * with `stale: true` and `as_of` so the screen can say "as of <time>".
 */
function cached(name: OpName, keyOf: (input: Record<string, unknown>) => string, options: { odoo: boolean }): Hook {
  const schema: z.ZodType = contract[name].output;
  return async (input, s, run) => {
    const cache = s.local?.cache;
    if (!cache) return run();
    const key = `${name}:${keyOf(input)}`;
    const fromCache = async () => {
      const hit = await cache.get(key, schema);
      return hit ? { ...(hit.value as object), stale: true, as_of: hit.asOf } : undefined;
    };
    // Known offline: answer at once instead of waiting for a call that cannot succeed.
    if (options.odoo && !s.connectivity.current().online) {
      const stale = await fromCache();
      if (stale) return stale;
    }
    try {
      const fresh = await run();
      await cache.put(key, fresh).catch(() => undefined);
      return fresh;
    } catch (error) {
      if (isUnreachable(error)) {
        const stale = await fromCache();
        if (stale) return stale;
      }
      throw error;
    }
  };
}

/** A cache key from the whole (validated) input, in a fixed key order: a page or filter of its own is an answer of its own. */
const wholeInput = (input: Record<string, unknown>) => JSON.stringify(Object.keys(input).sort().map((k) => [k, input[k]]));

/** Runs `outer` around `inner`: e.g. a cached read that is audited whether it came from Odoo or the cache. */
const around = (outer: Hook, inner: Hook): Hook => (input, s, run) => outer(input, s, () => inner(input, s, run));

/** Runs the operation, then records it in the profile's audit log. */
function audited(describe: (input: Record<string, unknown>, output: unknown) => Parameters<NonNullable<Services['local']>['record']>[0][] ): Hook {
  return async (input, s, run) => {
    const output = await run();
    for (const entry of describe(input, output)) await s.local?.record(entry);
    return output;
  };
}

const str = (value: unknown) => (typeof value === 'string' ? value : null);

type AuditEntryIn = Parameters<NonNullable<Services['local']>['record']>[0];

/** Sends are never queued, never answered from a cache, and always audited. */
function sending(describe: (input: Record<string, unknown>, output: unknown) => AuditEntryIn | null): Hook {
  return async (input, s, run) => {
    // Never queued: a send needs Odoo now. A stale "offline" is checked again before refusing.
    if (!s.connectivity.current().online && !(await s.connectivity.check()).online) throw offlineError();
    let out: unknown;
    try {
      out = await run();
    } catch (error) {
      if (neverReachedOdoo(error)) throw offlineError(error);
      // A connection lost after the request went out (or a timeout) keeps the client's "may or may not have
      // been saved" error: retrying is safe, since the send reads the mailing's state in Odoo first.
      throw error;
    }
    const entry = describe(input, out);
    if (entry) await s.local?.record(entry);
    return out;
  };
}

const sendGuard = sending((input, out) => {
  const result = out as { status: string; scheduled_for: string | null; estimated_recipients: number };
  return {
    action: result.status === 'scheduled' ? 'campaign.scheduled' : 'campaign.sent',
    details: { storeId: input.storeId, campaignId: input.campaignId, status: result.status, scheduledFor: result.scheduled_for, estimatedRecipients: result.estimated_recipients },
  };
});

/** An A/B test's winner mails everyone the test did not reach: a send like any other. */
const winnerGuard = sending((input, out) => {
  const test = out as { winner: { from_label: string | null; odoo_campaign_id: number; status: string; recipients: number } | null };
  return {
    action: 'campaign.sent',
    details: { storeId: input.storeId, campaignId: input.campaignId, abWinner: test.winner?.from_label ?? null, winnerOdooId: test.winner?.odoo_campaign_id ?? null, status: test.winner?.status ?? null, chosenBy: input.version ? 'manual' : 'selection' },
  };
});

/** Which queue ran and where the campaign stood after it: counts, never addresses. Nothing ran, nothing to record. */
const queueGuard = sending((input, out) => {
  const result = out as { ran: string | null; progress: { sent: number; failed: number; queued: number; expected: number } | null };
  const p = result.progress;
  if (result.ran === null) return null;
  return {
    action: 'campaign.queue_processed',
    details: { storeId: input.storeId, campaignId: input.campaignId, queue: result.ran, sent: p?.sent ?? null, failed: p?.failed ?? null, queued: p?.queued ?? null, expected: p?.expected ?? null },
  };
});

const HOOKS: Partial<Record<OpName, Hook>> = {
  'marketing.lists': cached('marketing.lists', (i) => String(i.storeId), { odoo: true }),
  'marketing.overview': cached('marketing.overview', (i) => String(i.storeId), { odoo: true }),
  // Keyed by the whole audience: the count of one segment is no answer for another.
  'marketing.campaigns.estimate': cached('marketing.campaigns.estimate', (i) => `${String(i.storeId)}:${String(i.list_id)}:${String(i.segment)}`, { odoo: true }),
  // Saved segments with their counts: offline, the editor's picker still offers them, "as of" when counted.
  'marketing.segments.list': cached('marketing.segments.list', (i) => String(i.storeId), { odoo: true }),
  'sendgrid.templates.list': cached('sendgrid.templates.list', () => 'all', { odoo: false }),
  // Offline, the campaign list, a campaign's figures and its report, and the subscriber pages last
  // seen answer from the cache ("as of" then). In a HIPAA profile the cache is sealed like all local data.
  'marketing.campaigns.list': cached('marketing.campaigns.list', wholeInput, { odoo: true }),
  'marketing.campaigns.get': cached('marketing.campaigns.get', (i) => `${String(i.storeId)}:${String(i.campaignId)}`, { odoo: true }),
  'marketing.campaigns.report': cached('marketing.campaigns.report', (i) => `${String(i.storeId)}:${String(i.campaignId)}`, { odoo: true }),
  // A page read from the cache is still a page of people seen: audited either way.
  'marketing.subscribers.list': around(audited((i, out) => [{
    action: 'subscribers.list_viewed',
    // Which filters were used, not their text: a search may be a person's name.
    details: { storeId: i.storeId, listId: i.list_id ?? null, offset: i.offset, rows: (out as { subscribers: unknown[] }).subscribers.length, tag: i.tag ?? null, status: i.status ?? null, search: Boolean(i.search), fromCache: (out as { stale?: boolean }).stale === true },
  }]), cached('marketing.subscribers.list', wholeInput, { odoo: true })),
  'marketing.campaigns.send': sendGuard,
  'marketing.campaigns.ab.winner': winnerGuard,
  // "Process the queue now" makes or sends a campaign's mails: refused offline and audited like a send.
  'marketing.campaigns.process_queue': queueGuard,
  // A move changes when real mail goes out: never queued offline, and audited like a schedule.
  'marketing.campaigns.move': sending((input, out) => {
    const result = out as { status: string; scheduled_for: string; changed: boolean };
    return { action: 'campaign.scheduled', details: { storeId: input.storeId, campaignId: input.campaignId, moved: true, status: result.status, scheduledFor: result.scheduled_for, changed: result.changed } };
  }),
  // A test goes to real inboxes too: who sent which campaign, how, to how many addresses (not which).
  'marketing.campaigns.test_send': audited((i, out) => {
    const result = out as { via: string; sent_to: unknown[] };
    return [{ action: 'campaign.test_sent', details: { storeId: i.storeId, campaignId: i.campaignId, via: result.via, addresses: result.sent_to.length } }];
  }),
  // The spec's flow route sends the same way, under the same rules.
  'campaigns.send': sendGuard,
  // The person confirmed they may email these people: that confirmation is what a HIPAA audit asks for.
  'subscribers.import': audited((i, out) => {
    const report = out as { extension_id: string; counts: Record<string, number>; rows: unknown[] };
    return [{ action: 'subscribers.imported', details: { storeId: i.storeId, listId: i.list_id ?? null, permissionConfirmed: i.permission === true, rows: report.rows.length, counts: report.counts, columns: i.columns ?? 'guessed' } }];
  }),
  // Which subscriber and what kind of change: ids, never the name or address written.
  'marketing.subscribers.update': audited((i, out) => {
    const changed = (out as { changed: string[] }).changed;
    return changed.length === 0 ? [] : [{ action: 'subscriber.changed', details: { storeId: i.storeId, subscriberId: i.id, changed } }];
  }),
  'marketing.subscribers.delete': audited((i, out) => [{ action: 'subscriber.changed', details: { storeId: i.storeId, subscriberId: i.id, changed: [i.forget === true ? 'forgotten' : 'deleted'], tracesCleared: (out as { traces_cleared: number }).traces_cleared } }]),
  // Counts and which filters, never the filter's text or the ids: a search may be a person's name.
  'marketing.subscribers.bulk': audited((i, out) => [{ action: 'subscriber.changed', details: { storeId: i.storeId, bulk: i.action, tag: i.tag ?? null, picked: (i.ids as unknown[]).length, changed: (out as { changed: number }).changed } }]),
  'marketing.subscribers.bulkRun': audited((i, out) => {
    const r = out as { action: string; matched: number; done: number; changed: number; skipped: number; stopped: boolean; failed: string | null };
    const sel = i.selection as { ids?: unknown[]; filter?: Record<string, unknown> };
    const filters = sel.filter ? { listId: sel.filter.list_id ?? null, tag: sel.filter.tag ?? null, status: sel.filter.status ?? null, search: Boolean(sel.filter.search) } : null;
    return [{ action: 'subscriber.changed', details: { storeId: i.storeId, bulk: r.action, tag: i.tag ?? null, targetListId: i.target_list_id ?? null, picked: sel.ids?.length ?? null, filters, matched: r.matched, done: r.done, changed: r.changed, skipped: r.skipped, stopped: r.stopped, failed: r.failed !== null } }];
  }),
  'marketing.campaigns.create': async (input, _s, run) => run().catch((error: unknown) => { throw unknownOutcome(error, input, 'campaign'); }),
  'marketing.campaigns.duplicate': async (input, _s, run) => run().catch((error: unknown) => { throw unknownOutcome(error, input, 'copy'); }),
  'setup.apply': audited((i, out) => [{ action: 'setup.changed', details: { what: 'odoo setup', storeId: i.storeId, ready: (out as { ready: boolean }).ready } }]),
  'setup.addStoreOwner': audited((i, out) => [{ action: 'setup.changed', details: { what: 'store owner', storeId: i.storeId, login: i.login, user: (out as { user: string }).user } }]),
  'profiles.create': audited((i, out) => profileChange('profile created', i, out)),
  'profiles.update': async (input, s, run) => {
    const out = await run();
    s.session.policyChanged();
    for (const entry of profileChange('profile updated', input, out)) await s.local?.record(entry);
    return out;
  },
  'profiles.delete': async (input, s, run) => {
    const out = await run();
    // The deleted profile's own log went with its folder: writing there would bring the folder back.
    if (s.local && s.local.profileId !== input.id) await s.local.record({ action: 'setup.changed', details: { what: 'profile deleted', profileId: input.id } });
    return out;
  },
  // Which key was replaced, never its value.
  'profiles.setSecret': audited((i) => [{ action: 'setup.changed', details: { what: 'api key set', profileId: i.id, secret: i.secret } }]),
  'extensions.add': audited((i, out) => [{ action: 'setup.changed', details: { what: 'extension added', storeId: i.storeId, extensionId: str((out as { id?: unknown }).id) } }]),
  'extensions.update': audited((i) => [{ action: 'setup.changed', details: { what: 'extension updated', storeId: i.storeId, extensionId: i.extensionId, fields: Object.keys(i).filter((k) => !['storeId', 'extensionId'].includes(k)) } }]),
  'extensions.remove': audited((i) => [{ action: 'setup.changed', details: { what: 'extension removed', storeId: i.storeId, extensionId: i.extensionId } }]),
};

function profileChange(what: string, input: Record<string, unknown>, output: unknown): Parameters<NonNullable<Services['local']>['record']>[0][] {
  const profileId = str((output as { id?: unknown }).id);
  const fields = Object.keys(input).filter((k) => !['id', 'secrets', 'acknowledgeSendgridNoBaa', 'activate'].includes(k));
  const entries: Parameters<NonNullable<Services['local']>['record']>[0][] = [{ action: 'setup.changed', details: { what, profileId, fields } }];
  // Only an acknowledgment the profile now carries (a HIPAA profile switched to SendGrid) is one.
  const acknowledgedAt = str((output as { hipaa?: { sendgridAcknowledgedAt?: unknown } }).hipaa?.sendgridAcknowledgedAt);
  if (input.acknowledgeSendgridNoBaa === true && acknowledgedAt) entries.push({ action: 'delivery.sendgrid_acknowledged', details: { profileId, acknowledgedAt } });
  return entries;
}

/**
 * Wraps the whole handler table once, so both transports (IPC and HTTP) get the same rules:
 * the lock, the offline refusal of sends, the offline cache, the audit log and the "not set up
 * yet" answer before the Odoo setup. Handlers stay
 * unaware of them.
 */
export function guardHandlers(table: Handlers<AppContract, Services>): Handlers<AppContract, Services> {
  const guarded: Record<string, AnyHandler> = {};
  for (const [name, handler] of Object.entries(table) as [OpName, (input: unknown, s: Services, ctx: CallContext) => unknown][]) {
    const hook = HOOKS[name];
    guarded[name] = async (input: never, s: Services, ctx: CallContext) => {
      if (!USABLE_WHILE_LOCKED.has(name) && (await s.session.status()).locked) throw lockedError();
      const run = async () => handler(input, s, ctx);
      // Before the Markket setup, any operation may meet a missing x_markket_* field: say so once, for all.
      return (hook ? hook(input as Record<string, unknown>, s, run) : run()).catch((error: unknown) => { throw notSetUp(error); });
    };
  }
  return guarded as unknown as Handlers<AppContract, Services>;
}
