/**
 * Mantine's DateTimePicker speaks wall-clock strings ("YYYY-MM-DD HH:mm:ss") in the user's time zone;
 * the API stores instants in UTC. These two functions are the only place the conversion happens.
 */
export function localPickerValueToIso(value: string | null): string | null {
  if (!value) return null;
  // Without an offset, the ISO-like form is parsed as local time, which is what the user picked.
  const date = new Date(value.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function isoToLocalPickerValue(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:00`;
}

/** Inbox clients cut subject lines at roughly 40–60 characters; beyond 255 Odoo refuses it. */
export function subjectHint(subject: string): { color: 'dimmed' | 'yellow' | 'red'; text: string } {
  const length = subject.trim().length;
  if (length === 0) return { color: 'dimmed', text: 'Aim for 30–50 characters.' };
  if (length > 255) return { color: 'red', text: `${length}/255 — too long for Odoo.` };
  if (length > 60) return { color: 'yellow', text: `${length} characters — phones will cut it after about 40.` };
  return { color: 'dimmed', text: `${length} characters — a good length.` };
}

/**
 * What the schedule picker proposes instead of midnight (issue 16): the next full hour at least
 * 30 minutes away, in the user's time zone; outside 8:00–20:00, 9:00 the next morning (or this
 * morning, before 8), when people read their email. As a picker value (local wall clock).
 */
export function nextSensibleSendTime(now: Date): string {
  const at = new Date(now.getTime() + 30 * 60_000);
  if (at.getMinutes() > 0 || at.getSeconds() > 0 || at.getMilliseconds() > 0) at.setHours(at.getHours() + 1, 0, 0, 0);
  if (at.getHours() >= 20) {
    at.setDate(at.getDate() + 1);
    at.setHours(9, 0, 0, 0);
  } else if (at.getHours() < 8) {
    at.setHours(9, 0, 0, 0);
  }
  return isoToLocalPickerValue(at.toISOString()) as string;
}
