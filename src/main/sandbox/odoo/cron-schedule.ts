import type { Rec } from './orm/types';
import { formatDatetime, parseDatetime } from './orm/values';

/**
 * How Odoo's cron worker runs a job (base/models/ir_cron.py, 18.0): it calls the job again while
 * the job reports work remaining, up to MAX_BATCH_PER_CRON_JOB times, then reschedules it for as
 * soon as possible if work remains (_reschedule_asap) or for its next interval after now
 * (_reschedule_later). "Run Manually" (method_direct_trigger) calls it once and leaves nextcall.
 */
export const MAX_BATCH_PER_CRON_JOB = 10;

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 };

export function isDue(cron: Rec | undefined, now: Date): boolean {
  if (!cron || cron.active === false) return false;
  return typeof cron.nextcall !== 'string' || parseDatetime(cron.nextcall).getTime() <= now.getTime();
}

/** nextcall after a scheduled run: now when work remains, else the first interval step after now. */
export function nextcallAfterRun(cron: Rec, now: Date, remaining: number): string {
  if (remaining > 0) return formatDatetime(now);
  const step = (UNIT_MS[String(cron.interval_type)] ?? UNIT_MS.hours ?? 3_600_000) * Math.max(1, Number(cron.interval_number) || 1);
  const from = typeof cron.nextcall === 'string' ? parseDatetime(cron.nextcall).getTime() : now.getTime();
  const steps = Math.max(1, Math.floor((now.getTime() - from) / step) + 1);
  return formatDatetime(new Date(from + steps * step));
}
