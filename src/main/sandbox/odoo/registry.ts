import { Database, type PeerServices } from './orm/env';
import { toOdoo19Fields } from './schema/odoo19';
import type { ModelSpec } from './orm/model';
import { blacklistModel, mailingContactModel, mailingListModel, optOutReasonModel, subscriptionModel, tagModel } from './models/audience';
import { baseModels } from './models/base';
import { mailingModel, mailingWizardModels, traceModel } from './models/mailing';
import { mailingTestModel } from './models/mailing-test';
import { modelNames, type ModelNames } from './models/names';
import { linkTrackerModels } from './models/tracking-links';
import { utmModels } from './models/utm';
import { irDefaultModel } from './models/defaults';
import { PUBLIC_UID } from './models/unsubscribe';
import { actionServerModel, AUTOMATION_MODULE } from './models/automation';
import { mailingFilterModel } from './models/mailing-filter';
import { attachmentModel } from './models/attachment';
import { mailMessageModel, withChatter } from './models/chatter';
import { GROUP_XMLIDS, groupModel, ruleModel, seedGroups } from './models/security';

export const ADMIN_UID = 2;
export const PORTAL_UID = 7;
/** base.user_demo, Odoo's demo employee: an internal user outside Email Marketing (odoo19-json2-wire/118). */
export const EMPLOYEE_UID = 6;
export const ODOOBOT_UID = 1;

/** ir.model ids as Odoo 18 numbered them in the recorded database (odoo18-wire/100, 161). */
const KNOWN_MODEL_IDS: Record<string, number> = { 'res.partner': 87, 'mailing.contact': 391, 'mailing.list': 392, 'mailing.mailing': 395 };
export const MASS_MAILING_CRON_ID = 17;
export const MAIL_QUEUE_CRON_ID = 3;
/** mass_mailing.ir_cron_mass_mailing_ab_testing; no recording shows its id, so one after the queue's. */
export const AB_TESTING_CRON_ID = 18;

export function allModels(names: ModelNames): ModelSpec[] {
  return [
    ...baseModels(names),
    ...utmModels(),
    tagModel(),
    optOutReasonModel(),
    mailingListModel(names),
    mailingContactModel(names),
    subscriptionModel(names),
    blacklistModel(),
    mailingModel(),
    traceModel(),
    mailingTestModel(),
    ...mailingWizardModels(),
    ...linkTrackerModels(),
    // Last, so the ir.model ids of the models above stay what they were.
    groupModel(names),
    ruleModel(),
    irDefaultModel(),
    actionServerModel(names),
    mailingFilterModel(),
    attachmentModel(),
    mailMessageModel(),
  ];
}

/**
 * A database with the users, models and technical records every Odoo with mass_mailing has:
 * the 'empty' seed (no lists, no contacts, no x_markket fields).
 */
export function createDatabase(name: string, services: PeerServices): { db: Database; names: ModelNames } {
  const names = modelNames(services.version);
  const db = new Database(name, services);
  const specs = (Number(services.version.split('.')[0]) >= 19 ? allModels(names).map(toOdoo19Fields) : allModels(names)).map(withChatter);
  for (const spec of specs) db.register(spec);
  const at = '2026-01-01 00:00:00';
  const put = (model: string, id: number, values: Record<string, unknown>): void => {
    db.store(model).insert({ id, create_date: at, write_date: at, create_uid: ODOOBOT_UID, write_uid: ODOOBOT_UID, ...(values as Record<string, never>) });
  };
  seedGroups(put, names);
  const g = GROUP_XMLIDS;
  const staff = [g['base.group_user'], g['base.group_system'], g['base.group_erp_manager'], g['mass_mailing.group_mass_mailing_user']];
  put('res.users', ODOOBOT_UID, { [names.userGroups]: staff, lang: 'en_US', tz: 'Europe/Brussels', name: 'OdooBot', login: '__system__', email: 'odoobot@example.com', active: false, share: false });
  put('res.users', ADMIN_UID, { [names.userGroups]: staff, lang: 'en_US', tz: 'Europe/Brussels', name: 'Mitchell Admin', login: 'admin', email: 'admin@yourcompany.example.com', active: true, share: false });
  // base.public_user: who the recipient-facing routes (unsubscribe links) run as.
  put('res.users', PUBLIC_UID, { [names.userGroups]: [], lang: 'en_US', tz: false, name: 'Public user', login: 'public', email: false, active: false, share: true });
  // Odoo's demo data has an employee, "Marc Demo", in no app's group: Email Marketing refuses him (odoo19-json2-wire/118).
  put('res.users', EMPLOYEE_UID, { [names.userGroups]: [g['base.group_user']], lang: 'en_US', tz: 'Europe/Brussels', name: 'Marc Demo', login: 'demo', email: 'mark.brown23@example.com', active: true, share: false });
  // Odoo's demo portal user has no time zone (odoo19-json2-wire/024: context_get answers tz false).
  put('res.users', PORTAL_UID, { [names.userGroups]: [g['base.group_portal']], lang: 'en_US', tz: false, name: 'Joel Willis', login: 'portal', email: 'joel.willis63@example.com', active: true, share: true });
  let nextModelId = 400;
  let fieldId = 1;
  for (const spec of specs) {
    const id = KNOWN_MODEL_IDS[spec.name] ?? nextModelId++;
    put('ir.model', id, { name: spec.description, model: spec.name, state: 'base', is_mailing_enabled: ['res.partner', 'mailing.contact', 'mailing.list'].includes(spec.name), transient: false });
    for (const f of spec.fields) {
      put('ir.model.fields', fieldId++, { name: f.name, model: spec.name, model_id: id, field_description: f.string, ttype: f.type, relation: f.relation ?? null, required: f.required, readonly: f.readonly, store: f.store, index: false, copied: f.copy !== false, state: 'base' });
    }
  }
  db.store('ir.model.fields').nextId = 3500;
  put('ir.cron', MAIL_QUEUE_CRON_ID, { name: 'Mail: Email Queue Manager', active: true, interval_number: 1, interval_type: 'hours', nextcall: at, lastcall: null, priority: 5, model_id: KNOWN_MODEL_IDS['mailing.mailing'] ? nextModelId : null, code: 'model.process_email_queue()', user_id: ODOOBOT_UID });
  put('ir.cron', MASS_MAILING_CRON_ID, { name: 'Mail Marketing: Process queue', active: true, interval_number: 1, interval_type: 'days', nextcall: at, lastcall: null, priority: 5, model_id: KNOWN_MODEL_IDS['mailing.mailing'], code: 'model._process_mass_mailing_queue()', user_id: ODOOBOT_UID });
  const [utmCampaignModel] = db.store('ir.model').lookup('model', 'utm.campaign') ?? [];
  put('ir.cron', AB_TESTING_CRON_ID, { name: 'Mail Marketing: A/B Testing', active: true, interval_number: 1, interval_type: 'hours', nextcall: at, lastcall: null, priority: 5, model_id: utmCampaignModel ?? null, code: 'model._cron_process_mass_mailing_ab_testing()', user_id: ODOOBOT_UID });
  put('ir.model.data', 21876, { module: 'mass_mailing', name: 'ir_cron_mass_mailing_ab_testing', model: 'ir.cron', res_id: AB_TESTING_CRON_ID, noupdate: true });
  put('ir.model.data', 21875, { module: 'mass_mailing', name: 'ir_cron_mass_mailing_queue', model: 'ir.cron', res_id: MASS_MAILING_CRON_ID, noupdate: true });
  put('ir.model.data', 21000, { module: 'mail', name: 'ir_cron_mail_scheduler_action', model: 'ir.cron', res_id: MAIL_QUEUE_CRON_ID, noupdate: true });
  put('ir.model.data', 21900, { module: 'mass_mailing', name: 'mailing_mailing_schedule_date_action', model: 'ir.actions.act_window', res_id: 193, noupdate: false });
  for (const [i, [module, shortdesc]] of [['base', 'Base'], ['mail', 'Discuss'], ['contacts', 'Contacts'], ['utm', 'UTM Trackers'], ['link_tracker', 'Link Tracker'], ['mass_mailing', 'Email Marketing']].entries()) {
    put('ir.module.module', i + 1, { name: module, shortdesc, state: 'installed', latest_version: `${services.version}.1.0`, application: module === 'mass_mailing' || module === 'contacts', sequence: 10 });
  }
  // Shipped with Odoo, not installed by Email Marketing (mass_mailing's manifest does not depend on it).
  put('ir.module.module', 7, { ...AUTOMATION_MODULE, state: 'uninstalled', latest_version: false, application: false, sequence: 100 });
  // The outgoing server the peer delivers through (its DeliveryStep), like the recorded "Local SMTP sink".
  put('ir.mail_server', 1, { name: 'Local SMTP sink', smtp_host: '127.0.0.1', smtp_port: 2525, smtp_encryption: 'none', smtp_authentication: 'login', sequence: 1, active: true });
  for (const [id, name] of [[1, 'Search engine'], [2, 'Website'], [3, 'Phone'], [4, 'Email'], [5, 'Direct']] as const) put('utm.medium', id, { name, active: true });
  put('utm.stage', 1, { name: 'New', sequence: 1 });
  put('utm.stage', 2, { name: 'Schedule', sequence: 2 });
  put('utm.stage', 3, { name: 'Design', sequence: 3 });
  put('utm.stage', 4, { name: 'Sent', sequence: 4 });
  for (const [id, name, feedback] of [[1, 'I never subscribed to this list', false], [2, 'I receive too many emails from this list', false], [3, 'The content of these emails is not relevant to me', false], [4, 'Other', true]] as const) {
    put('mailing.subscription.optout', id, { name, sequence: id, is_feedback: feedback });
  }
  for (const [id, name, code] of COUNTRIES) put('res.country', id, { name, code });
  return { db, names };
}

/** A few countries; Belgium keeps Odoo's id 20 (odoo18-wire/059, 063). */
const COUNTRIES: [number, string, string][] = [
  [20, 'Belgium', 'BE'],
  [38, 'Canada', 'CA'],
  [57, 'Germany', 'DE'],
  [68, 'Spain', 'ES'],
  [75, 'France', 'FR'],
  [109, 'Italy', 'IT'],
  [165, 'Netherlands', 'NL'],
  [231, 'United Kingdom', 'GB'],
  [233, 'United States', 'US'],
];
