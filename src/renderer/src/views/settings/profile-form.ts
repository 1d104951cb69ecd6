import type { z } from 'zod';
import type { CreateProfileInput, ProfileView, UpdateProfileInput } from '../../../../shared/schemas/profile';

type View = z.infer<typeof ProfileView>;

/** What the form edits. API keys are write-only: empty means "leave the saved key as it is". */
export interface ProfileFormValues {
  name: string;
  kind: 'own-odoo' | 'markket-default' | 'demo';
  url: string;
  database: string;
  login: string;
  protocol: 'auto' | 'jsonrpc' | 'json2';
  storeIds: string[];
  odooApiKey: string;
  sendgridApiKey: string;
  region: 'global' | 'eu';
  delivery: 'sendgrid-relay' | 'odoo-mail-server';
  hipaa: boolean;
  idleLockMinutes: number;
  acknowledgeSendgridNoBaa: boolean;
}

export function emptyProfileForm(): ProfileFormValues {
  return {
    name: '',
    kind: 'own-odoo',
    url: '',
    database: '',
    login: '',
    protocol: 'auto',
    storeIds: [],
    odooApiKey: '',
    sendgridApiKey: '',
    region: 'global',
    delivery: 'sendgrid-relay',
    hipaa: false,
    idleLockMinutes: 15,
    acknowledgeSendgridNoBaa: false,
  };
}

export function formFromProfile(p: View): ProfileFormValues {
  return {
    ...emptyProfileForm(),
    name: p.name,
    kind: p.kind,
    url: p.odoo.url,
    database: p.odoo.database,
    login: p.odoo.login,
    protocol: p.odoo.protocol,
    storeIds: p.storeIds,
    region: p.sendgrid.region,
    delivery: p.sendgrid.delivery,
    hipaa: p.hipaa.enabled,
    idleLockMinutes: p.hipaa.idleLockMinutes,
    acknowledgeSendgridNoBaa: Boolean(p.hipaa.sendgridAcknowledgedAt),
  };
}

const apiKeyProblem = (value: string) => (value === '' ? null : value.length < 8 ? 'Looks too short for an API key' : /\s/.test(value) ? 'Must not contain spaces' : null);

/** Mirrors the contract's rules so the user sees problems next to the field before saving. */
export function validateProfileForm(v: ProfileFormValues, { creating }: { creating: boolean }): Partial<Record<keyof ProfileFormValues, string>> {
  const errors: Partial<Record<keyof ProfileFormValues, string>> = {};
  if (v.name.trim() === '') errors.name = 'Give the profile a name';
  if (v.kind !== 'demo') {
    if (!/^https?:\/\/\S+$/.test(v.url.trim())) errors.url = 'Enter the Odoo address, e.g. https://mycompany.odoo.com';
    if (v.database.trim() === '') errors.database = 'Enter the database name';
    if (v.login.trim() === '') errors.login = 'Enter the Odoo login (usually an email)';
    if (creating && v.odooApiKey === '') errors.odooApiKey = 'Paste an API key from Odoo (Preferences → Account Security)';
  }
  const odooKey = apiKeyProblem(v.odooApiKey);
  if (odooKey) errors.odooApiKey = odooKey;
  const sgKey = apiKeyProblem(v.sendgridApiKey);
  if (sgKey) errors.sendgridApiKey = sgKey;
  if (v.hipaa && v.delivery === 'sendgrid-relay' && !v.acknowledgeSendgridNoBaa) errors.acknowledgeSendgridNoBaa = 'Acknowledge this to deliver through SendGrid, or send through your Odoo mail server';
  if (v.hipaa && (v.idleLockMinutes < 1 || v.idleLockMinutes > 240)) errors.idleLockMinutes = 'Between 1 and 240 minutes';
  return errors;
}

function settings(v: ProfileFormValues) {
  return {
    name: v.name.trim(),
    odoo: { url: v.url.trim(), database: v.database.trim(), login: v.login.trim(), protocol: v.protocol },
    storeIds: v.storeIds,
    sendgrid: { region: v.region, delivery: v.delivery },
    hipaa: { enabled: v.hipaa, idleLockMinutes: v.idleLockMinutes },
    acknowledgeSendgridNoBaa: v.hipaa && v.delivery === 'sendgrid-relay' ? v.acknowledgeSendgridNoBaa : false,
  };
}

export function toCreateInput(v: ProfileFormValues): z.input<typeof CreateProfileInput> {
  return {
    ...settings(v),
    kind: v.kind,
    secrets: {
      ...(v.odooApiKey ? { odooApiKey: v.odooApiKey } : {}),
      ...(v.sendgridApiKey ? { sendgridApiKey: v.sendgridApiKey } : {}),
    },
  };
}

export function toUpdateInput(id: string, v: ProfileFormValues): z.input<typeof UpdateProfileInput> {
  return { id, ...settings(v) };
}
