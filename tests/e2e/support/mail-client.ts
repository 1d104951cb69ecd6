import { createHmac } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import type { AdminConsole } from './admin-console';

interface Trace { id: number; mail_mail_id_int: number; trace_status: string }

/**
 * What a recipient's mail client does when the person opens a mailing's mail: it loads the open pixel
 * Odoo put at the end of the body, /mail/track/<mail id>/<token>/blank.gif. The delivered bodies are
 * not kept (Odoo deletes a sent mail.mail), so the pixel's address is made as Odoo makes it
 * (mail.mail._generate_mail_recipient_token: tools.hmac under database.secret, which only an
 * administrator can read) and loaded from Odoo's own route, which records the open on the trace.
 * Answers how many mails were opened.
 */
export async function openEveryMailOf(request: APIRequestContext, admin: AdminConsole, mailingId: number): Promise<number> {
  const secret = await admin.odoo<string>('ir.config_parameter', 'get_param', ['database.secret']);
  const traces = await admin.odoo<Trace[]>('mailing.trace', 'search_read', [[['mass_mailing_id', '=', mailingId], ['trace_status', '=', 'sent']]], { fields: ['mail_mail_id_int', 'trace_status'] });
  for (const trace of traces) {
    const token = createHmac('sha256', secret).update(`('mass_mailing-mail_mail-open', ${trace.mail_mail_id_int})`).digest('hex');
    const pixel = await request.get(`${admin.odooUrl}/mail/track/${trace.mail_mail_id_int}/${token}/blank.gif`);
    expect(pixel.status(), 'Odoo serves the open pixel').toBe(200);
    expect(pixel.headers()['content-type']).toBe('image/gif');
  }
  return traces.length;
}
