import { AppError, isAppError } from '../../../shared/errors';

/**
 * Before the Odoo setup, the custom fields it adds (x_markket_store_id on mailing lists and
 * contacts, x_markket_campaign_id on mailings) do not exist, and Odoo refuses any search on them
 * with "Invalid field mailing.list.x_markket_store_id in leaf" (the shape of odoo18-wire/089), which
 * reaches us as odoo.validation naming the field. The owner's next step is the setup, so that is
 * what the answer says; the field stays in the details for an administrator.
 */
export function notSetUp(cause: unknown): unknown {
  if (!isAppError(cause) || cause.code !== 'odoo.validation') return cause;
  const field = cause.details?.field;
  if (typeof field !== 'string' || !field.startsWith('x_markket_')) return cause;
  const model = typeof cause.details?.model === 'string' ? cause.details.model : undefined;
  return new AppError(
    'odoo.not_set_up',
    "This Odoo is not set up for Markket yet: it lacks what ties mailing lists, contacts and campaigns to a store. Run Odoo setup (Settings → Odoo setup) with an Odoo administrator's key, then try again.",
    { missing_field: model ? `${model}.${field}` : field, setup: 'Settings → Odoo setup' },
  );
}
