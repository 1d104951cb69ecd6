import type { Prng } from './prng';
import type { PeerReply } from './routes';
import type { PeerState, SentMail } from './state';
import { validateMailSend, type MailSendRequest } from './validate-mail';

/**
 * POST /v3/mail/send: SendGrid's validation, then 202 with an X-Message-Id (or 200 in sandbox
 * mode, where SendGrid checks the request and delivers nothing). The body of a success is empty.
 */
export function acceptMail(state: PeerState, body: unknown, ctx: { rng: Prng; now: Date }): { reply: PeerReply; mail: SentMail | null } {
  const checked = validateMailSend(body);
  if (!checked.ok) return { reply: { status: 400, body: { errors: checked.errors } }, mail: null };
  const request = checked.mail;
  const sandbox = request.mail_settings?.sandbox_mode?.enable === true;
  const xMessageId = ctx.rng.token(22);
  const mail: SentMail = {
    xMessageId,
    receivedAt: ctx.now,
    sandbox,
    body: request,
    recipients: request.personalizations.flatMap((p) => p.to.map((t) => t.email)),
    messageIdHeader: headerValue(request.headers, 'Message-ID') ?? headerValue(request.personalizations[0]?.headers, 'Message-ID'),
    categories: request.categories ?? [],
    customArgs: { ...(request.custom_args ?? {}), ...(request.personalizations[0]?.custom_args ?? {}) },
    links: linksOf(state, request),
  };
  state.mail.push(mail);
  return { reply: { status: sandbox ? 200 : 202, body: undefined, headers: { 'X-Message-Id': xMessageId } }, mail };
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | null {
  if (!headers) return null;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : (headers[key] ?? null);
}

/** The clickable http(s) links: from the HTML content, or from the template's active version with its data filled in. */
function linksOf(state: PeerState, request: MailSendRequest): string[] {
  let html = request.content?.find((c) => c.type === 'text/html')?.value ?? '';
  if (request.template_id) {
    const version = state.templates.find((t) => t.id === request.template_id)?.versions.find((v) => v.active === 1);
    const data = request.personalizations[0]?.dynamic_template_data ?? {};
    html = (version?.html_content ?? '').replace(/\{\{\{?\s*([\w.]+)\s*\}?\}\}/g, (_m, key: string) => {
      const value = data[key];
      return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    });
  }
  const links = new Set<string>();
  for (const match of html.matchAll(/href\s*=\s*["'](https?:\/\/[^"']+)["']/gi)) links.add(match[1]!.replace(/&amp;/g, '&'));
  return [...links];
}
