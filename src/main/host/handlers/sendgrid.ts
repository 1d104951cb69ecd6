import { AppError } from '../../../shared/errors';
import type { AppContract } from '../../../shared/contract';
import type { sendgridOps } from '../../../shared/ops/sendgrid';
import type { Handlers } from '../../../shared/rpc';
import { mapTemplateFields, parseEventFile } from '../../core/sendgrid';
import type { Services } from '../services';

type SendgridServices = Pick<Services, 'sendgrid' | 'extensions' | 'delivery'> & { local?: { hipaa: boolean } | undefined };

function requireSendgrid(s: SendgridServices) {
  if (!s.sendgrid && s.local?.hipaa && s.delivery === 'odoo-mail-server') {
    throw new AppError('sendgrid.not_configured', "This HIPAA profile delivers through its Odoo's own mail server, so the console does not contact SendGrid (which signs no BAA). To use SendGrid, choose SendGrid delivery in Settings → Profile and acknowledge it.");
  }
  if (!s.sendgrid) throw new AppError('sendgrid.not_configured', 'Add a SendGrid API key to this profile first (Settings → Profile).');
  return s.sendgrid;
}

export const sendgridHandlers: Pick<Handlers<AppContract, SendgridServices>, keyof typeof sendgridOps> = {
  'sendgrid.templates.list': async (_input, s) => {
    const templates = await requireSendgrid(s).listTemplates();
    return {
      templates: templates.map((t) => {
        const active = t.versions.find((v) => v.active === 1);
        return {
          id: t.id,
          name: t.name,
          updated_at: t.updated_at,
          active_version: active ? { id: active.id, name: active.name, subject: active.subject ?? '', thumbnail_url: active.thumbnail_url ?? null } : null,
        };
      }),
    };
  },
  'sendgrid.templates.get': async ({ templateId }, s) => {
    const sendgrid = requireSendgrid(s);
    const [template, version] = await Promise.all([sendgrid.getTemplate(templateId), sendgrid.getActiveVersion(templateId)]);
    const mapping = mapTemplateFields(version.html_content);
    return {
      id: template.id,
      name: template.name,
      version_id: version.id,
      subject: version.subject,
      html: version.html_content,
      odoo_html: mapping.html,
      thumbnail_url: version.thumbnail_url ?? null,
      mapped: mapping.mapped,
      unmapped: mapping.unmapped,
    };
  },
  'events.import': async ({ storeId, text }, s, ctx) => {
    const events = parseEventFile(text);
    const outcomes = await s.extensions.runner.dispatchTrigger(storeId, 'trigger:sendgrid_webhook', events, ctx.signal);
    if (outcomes.length === 0) {
      throw new AppError('not_found', `The store "${storeId}" has no active SendGrid stats extension to apply the events with. Add one in the store's extensions.`, { storeId });
    }
    return {
      events: events.length,
      runs: outcomes.map((o) => ({ extensionId: o.extensionId, success: o.success, meta: o.meta, ...(o.summary ? { summary: o.summary } : {}), ...(o.error ? { error: o.error } : {}) })),
    };
  },
};
