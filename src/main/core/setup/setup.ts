import { z } from 'zod';
import { AppError, toErrorPayload } from '../../../shared/errors';
import type { OdooClient } from '../odoo';
import { parseRecords } from '../odoo';
import { LIST_SUFFIX } from '../marketing/stores';
import { MARKKET_FIELDS, SENDGRID_SMTP } from './fields';
import { isolateStores, STORE_OWNER_GROUP } from './isolation';

/**
 * Checks an Odoo for what the console needs and, when asked, prepares it: mass_mailing installed,
 * the x_markket_* fields, the store's mailing list, and an outgoing mail server for SendGrid's relay.
 * Every step says done / already there / failed and why; running it twice changes nothing.
 */
export type StepStatus = 'ok' | 'missing' | 'created' | 'updated' | 'failed' | 'skipped';
export interface SetupStep {
  id: string;
  label: string;
  status: StepStatus;
  message: string;
  error?: { code: string; message: string };
}

export interface SetupRequest {
  storeId: string;
  storeName: string;
  /** false: only look; true: create what is missing. */
  apply: boolean;
  /** The SendGrid key for the SMTP relay (from the keychain); without it the relay step is skipped. */
  sendgridApiKey?: string | null;
  /**
   * How the profile delivers. 'odoo-mail-server' (a HIPAA profile's default: SendGrid signs no BAA)
   * means the relay is never configured, whatever key is saved.
   */
  delivery?: 'sendgrid-relay' | 'odoo-mail-server';
  /**
   * Markket's shared Odoo: also the "Isolate stores" step (store-owner group and record rules), so
   * a store owner's key reaches only that store. A store's own Odoo has no other stores to keep apart.
   */
  isolate?: boolean;
}

const Named = z.object({ id: z.number(), name: z.string() });

/** Step labels name Odoo's models as its menus do, for the person running the setup. */
const MODEL_WORDS: Record<string, string> = { 'mailing.list': 'mailing lists', 'mailing.contact': 'mailing contacts', 'mailing.mailing': 'mailings' };

/**
 * The right only an Odoo administrator has (base.group_system), needed to create fields, record
 * rules and groups, and outgoing mail servers, named as Odoo's user form names it: "Administration /
 * Settings" up to 18, "Role / Administrator" in 19 (the group's name in its refusals, odoo19-json2-wire/118).
 */
const adminRight = (major: number) => (major >= 19 ? 'Role / Administrator' : 'Administration / Settings');

async function step(id: string, label: string, body: () => Promise<Omit<SetupStep, 'id' | 'label'>>, admin: string): Promise<SetupStep> {
  try {
    return { id, label, ...(await body()) };
  } catch (thrown) {
    const error = toErrorPayload(thrown);
    const hint = error.code === 'odoo.access_denied' ? ` Ask your Odoo administrator: this step needs an Odoo user with ${admin} rights.` : '';
    return { id, label, status: 'failed', message: `${error.message}${hint}`, error: { code: error.code, message: error.message } };
  }
}

export async function runSetup(odoo: OdooClient, req: SetupRequest): Promise<{ ready: boolean; steps: SetupStep[] }> {
  const steps: SetupStep[] = [];
  const admin = adminRight((await odoo.version()).major);
  // Said on the steps only an administrator can carry out, before anyone presses "Set up".
  const ADMIN_ONLY = `Setting it up needs an Odoo user with ${admin} rights.`;
  const run = (id: string, label: string, work: () => Promise<Omit<SetupStep, 'id' | 'label'>>) => step(id, label, work, admin);

  const moduleStep = await run('module', 'Email Marketing (mass_mailing) installed', async () => {
    const mods = parseRecords(z.object({ id: z.number(), state: z.string() }), await odoo.searchRead('ir.module.module', [['name', '=', 'mass_mailing']], ['state']), 'ir.module.module');
    if (mods[0]?.state === 'installed') return { status: 'ok', message: 'Email Marketing is installed.' };
    // Installing a module restarts Odoo's registry: an administrator does it in Odoo, not us.
    throw new AppError('odoo.validation', 'The Email Marketing app (mass_mailing) is not installed. Install it from Odoo → Apps, then run the check again.', { module: 'mass_mailing', state: mods[0]?.state ?? 'absent' });
  });
  steps.push(moduleStep);
  if (moduleStep.status === 'failed') return { ready: false, steps };

  // Read once for every field step; a user who may not read ir.model (portal, odoo18-wire/096) gets
  // each field step failed with the access error instead of the whole check throwing.
  const lookup = (async () => {
    const models = parseRecords(z.object({ id: z.number(), model: z.string() }), await odoo.searchRead('ir.model', [['model', 'in', [...new Set(MARKKET_FIELDS.map((f) => f.model))]]], ['model']), 'ir.model');
    const modelId = new Map(models.map((m) => [m.model, m.id]));
    const existing = parseRecords(
      z.object({ id: z.number(), name: z.string(), model: z.string() }),
      await odoo.searchRead('ir.model.fields', [['model', 'in', [...modelId.keys()]], ['name', 'in', MARKKET_FIELDS.map((f) => f.name)]], ['name', 'model']),
      'ir.model.fields',
    );
    return { modelId, have: new Set(existing.map((f) => `${f.model}.${f.name}`)) };
  })();
  lookup.catch(() => undefined);
  for (const field of MARKKET_FIELDS) {
    steps.push(
      await run(`field:${field.model}.${field.name}`, `The "${field.label}" field on ${MODEL_WORDS[field.model] ?? field.model}`, async () => {
        const { modelId, have } = await lookup;
        if (have.has(`${field.model}.${field.name}`)) return { status: 'ok', message: 'Already there.' };
        if (!req.apply) return { status: 'missing', message: `Missing; the console can create it. ${ADMIN_ONLY}` };
        const model_id = modelId.get(field.model);
        if (!model_id) throw new AppError('odoo.unknown_model', `Odoo has no model ${field.model}.`, { model: field.model });
        await odoo.create('ir.model.fields', { name: field.name, field_description: field.label, ttype: 'char', model_id, store: true, index: field.index, copied: false, help: field.help });
        return { status: 'created', message: 'Created.' };
      }),
    );
  }
  const fieldsReady = steps.every((s) => !s.id.startsWith('field:') || s.status === 'ok' || s.status === 'created');

  steps.push(
    await run('list', `Mailing list for ${req.storeName}`, async () => {
      if (!fieldsReady) return { status: 'skipped', message: 'Waits for the "Markket Store ID" field above, which ties the list to your store.' };
      const lists = parseRecords(Named, await odoo.searchRead('mailing.list', [['x_markket_store_id', '=', req.storeId]], ['name'], { context: { active_test: false } }), 'mailing.list');
      if (lists.length > 0) return { status: 'ok', message: `Uses "${lists[0]!.name}".` };
      if (!req.apply) return { status: 'missing', message: 'No list is linked to this store yet; the console can create one.' };
      await odoo.create('mailing.list', { name: `${req.storeName}${LIST_SUFFIX}`, x_markket_store_id: req.storeId, is_public: true });
      return { status: 'created', message: `Created "${req.storeName}${LIST_SUFFIX}".` };
    }),
  );

  if (req.isolate) {
    steps.push(
      await run('isolate', 'Isolate stores: store owners reach only their own store', async () => {
        if (!fieldsReady) return { status: 'skipped', message: 'Waits for the "Markket Store ID" fields above, which tie lists and contacts to their store.' };
        const changes = await isolateStores(odoo, req.apply);
        if (changes.length === 0) return { status: 'ok', message: `The "${STORE_OWNER_GROUP}" group and its record rules are in place.` };
        const list = changes.map((c) => `${c.what} (${req.apply ? c.change : c.change === 'created' ? 'missing' : 'differs'})`).join('; ');
        if (!req.apply) return { status: 'missing', message: `To do: ${list}. ${ADMIN_ONLY}` };
        return { status: changes.some((c) => c.change === 'created') ? 'created' : 'updated', message: `Done: ${list}.` };
      }),
    );
  }

  steps.push(
    await run('mail_server', 'Outgoing mail server: SendGrid SMTP relay', async () => {
      if (req.delivery === 'odoo-mail-server') {
        return { status: 'skipped', message: "This profile delivers through the Odoo's own mail server, so no SendGrid relay is added." };
      }
      const Server = z.object({ id: z.number(), smtp_host: z.union([z.string(), z.literal(false)]), smtp_port: z.number(), smtp_encryption: z.string(), smtp_user: z.union([z.string(), z.literal(false)]), smtp_pass: z.union([z.string(), z.literal(false)]), active: z.boolean() });
      const servers = parseRecords(Server, await odoo.searchRead('ir.mail_server', [['smtp_host', '=', SENDGRID_SMTP.host]], ['smtp_host', 'smtp_port', 'smtp_encryption', 'smtp_user', 'smtp_pass', 'active'], { context: { active_test: false } }), 'ir.mail_server');
      const wanted = { smtp_port: SENDGRID_SMTP.port, smtp_encryption: 'starttls', smtp_user: SENDGRID_SMTP.user };
      const current = servers[0];
      if (current && current.smtp_port === wanted.smtp_port && current.smtp_encryption === wanted.smtp_encryption && current.smtp_user === wanted.smtp_user) {
        // Only a changed key (or an archived server) is written: a second run must change nothing.
        const stale = Boolean(req.sendgridApiKey) && (current.smtp_pass !== req.sendgridApiKey || !current.active);
        if (!stale) return { status: 'ok', message: 'SendGrid relay configured (smtp.sendgrid.net:587, STARTTLS).' };
        if (!req.apply) return { status: 'missing', message: `The relay uses another SendGrid key or is archived; the console can update it. ${ADMIN_ONLY}` };
        await odoo.write('ir.mail_server', [current.id], { smtp_pass: req.sendgridApiKey, active: true });
        return { status: 'updated', message: 'The relay now uses this profile’s SendGrid key.' };
      }
      if (!req.sendgridApiKey) return { status: req.apply ? 'skipped' : 'missing', message: 'Add the SendGrid API key to this profile to configure the relay.' };
      if (!req.apply) return { status: 'missing', message: `Not configured; the console can add it. ${ADMIN_ONLY}` };
      const values = { name: SENDGRID_SMTP.name, smtp_host: SENDGRID_SMTP.host, smtp_authentication: 'login', smtp_pass: req.sendgridApiKey, active: true, ...wanted };
      if (current) {
        await odoo.write('ir.mail_server', [current.id], values);
        return { status: 'updated', message: 'Corrected to port 587 with STARTTLS and user "apikey".' };
      }
      await odoo.create('ir.mail_server', values);
      return { status: 'created', message: 'Added smtp.sendgrid.net:587 (STARTTLS, user "apikey").' };
    }),
  );

  const ready = steps.every((s) => s.status === 'ok' || s.status === 'created' || s.status === 'updated' || (s.id === 'mail_server' && s.status !== 'failed'));
  return { ready, steps };
}
