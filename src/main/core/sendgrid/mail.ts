import { z } from 'zod';
import { AppError } from '../../../shared/errors';

/**
 * One mail for POST /v3/mail/send, in our words. `toMailSendBody` turns it into SendGrid's
 * body (tsg_mail_v3.yaml: personalizations, from, subject, content | template_id, headers,
 * categories, custom_args, asm, mail_settings.sandbox_mode).
 */
export const EmailAddress = z.object({ email: z.string().min(1), name: z.string().optional() });
export type EmailAddress = z.infer<typeof EmailAddress>;

export const OutboundMail = z.object({
  to: z.array(EmailAddress).min(1),
  from: EmailAddress,
  replyTo: EmailAddress.optional(),
  subject: z.string().optional(),
  html: z.string().optional(),
  text: z.string().optional(),
  templateId: z.string().optional(),
  dynamicTemplateData: z.record(z.string(), z.unknown()).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** Opaque ids only (camp_…): SendGrid keeps categories and custom_args in its own analytics. */
  categories: z.array(z.string()).max(10).optional(),
  customArgs: z.record(z.string(), z.string()).optional(),
  asmGroupId: z.number().int().optional(),
  sendAt: z.number().int().optional(),
  sandbox: z.boolean().optional(),
});
export type OutboundMail = z.infer<typeof OutboundMail>;

// Anything that looks like an address or a person's name has no place in SendGrid analytics fields.
const LOOKS_PERSONAL = /@|\s/;

/** Refuses categories / custom_args that could carry personal data (an address or a free-text name). */
export function assertOpaqueTracking(mail: Pick<OutboundMail, 'categories' | 'customArgs'>): void {
  const offending: string[] = [];
  for (const [i, category] of (mail.categories ?? []).entries()) {
    if (LOOKS_PERSONAL.test(category)) offending.push(`categories.${i}`);
  }
  for (const [key, value] of Object.entries(mail.customArgs ?? {})) {
    if (LOOKS_PERSONAL.test(value) || LOOKS_PERSONAL.test(key)) offending.push(`custom_args.${key}`);
  }
  if (offending.length > 0) {
    throw new AppError(
      'input.invalid',
      'SendGrid categories and custom arguments may only hold opaque ids (like camp_…), never an address or a name.',
      { fields: offending },
    );
  }
}

export function toMailSendBody(mail: OutboundMail): Record<string, unknown> {
  const personalization: Record<string, unknown> = { to: mail.to };
  if (mail.dynamicTemplateData) personalization['dynamic_template_data'] = mail.dynamicTemplateData;
  const body: Record<string, unknown> = { personalizations: [personalization], from: mail.from };
  if (mail.replyTo) body['reply_to'] = mail.replyTo;
  if (mail.subject !== undefined) body['subject'] = mail.subject;
  const content: { type: string; value: string }[] = [];
  // SendGrid requires text/plain before text/html when both are given.
  if (mail.text) content.push({ type: 'text/plain', value: mail.text });
  if (mail.html) content.push({ type: 'text/html', value: mail.html });
  if (content.length > 0) body['content'] = content;
  if (mail.templateId) body['template_id'] = mail.templateId;
  if (mail.headers && Object.keys(mail.headers).length > 0) body['headers'] = mail.headers;
  if (mail.categories && mail.categories.length > 0) body['categories'] = mail.categories;
  if (mail.customArgs && Object.keys(mail.customArgs).length > 0) body['custom_args'] = mail.customArgs;
  if (mail.asmGroupId !== undefined) body['asm'] = { group_id: mail.asmGroupId };
  if (mail.sendAt !== undefined) body['send_at'] = mail.sendAt;
  if (mail.sandbox) body['mail_settings'] = { sandbox_mode: { enable: true } };
  return body;
}
