import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { invalidInput } from '../../../shared/rpc';
import {
  CreateProfileInput,
  Profile,
  UpdateProfileInput,
  type DeliveryChoice,
  type HipaaSettings,
  type SendgridSettings,
} from '../../../shared/schemas/profile';
import { DEFAULT_IDLE_LOCK_MINUTES } from './migrations';

type CreateData = z.output<typeof CreateProfileInput>;
type UpdateData = z.output<typeof UpdateProfileInput>;

/**
 * SendGrid states it is not HIPAA compliant and signs no BAA. A HIPAA profile therefore sends
 * through the Odoo's own mail server unless the owner explicitly acknowledges that, and the
 * acknowledgment's time is kept with the profile.
 */
export function decideDelivery(options: {
  hipaa: boolean;
  requested: DeliveryChoice | undefined;
  current: { delivery: DeliveryChoice; acknowledgedAt: string | undefined } | undefined;
  acknowledged: boolean;
  now: string;
}): { delivery: DeliveryChoice; acknowledgedAt: string | undefined } {
  const { hipaa, requested, current, acknowledged, now } = options;
  if (!hipaa) return { delivery: requested ?? current?.delivery ?? 'sendgrid-relay', acknowledgedAt: undefined };
  // Already on SendGrid with an acknowledgment on record: nothing to re-confirm.
  if (current?.delivery === 'sendgrid-relay' && current.acknowledgedAt && requested !== 'odoo-mail-server') {
    return current;
  }
  if (requested !== 'sendgrid-relay') return { delivery: 'odoo-mail-server', acknowledgedAt: undefined };
  if (!acknowledged) {
    throw new AppError(
      'profile.invalid',
      'SendGrid is not HIPAA compliant and signs no BAA. To send this HIPAA profile\'s mail through SendGrid anyway, confirm that you understand this; otherwise keep the Odoo mail server.',
      { field: 'acknowledgeSendgridNoBaa' },
    );
  }
  return { delivery: 'sendgrid-relay', acknowledgedAt: now };
}

function sendgridAndHipaa(
  requestedSendgrid: Partial<SendgridSettings>,
  base: { sendgrid: SendgridSettings; hipaa: HipaaSettings } | undefined,
  hipaaEnabled: boolean,
  idleLockMinutes: number,
  acknowledged: boolean,
  now: string,
): { sendgrid: SendgridSettings; hipaa: HipaaSettings } {
  const current = base ? { delivery: base.sendgrid.delivery, acknowledgedAt: base.hipaa.enabled ? base.hipaa.sendgridAcknowledgedAt : undefined } : undefined;
  const { delivery, acknowledgedAt } = decideDelivery({ hipaa: hipaaEnabled, requested: requestedSendgrid.delivery, current, acknowledged, now });
  const region = requestedSendgrid.region ?? base?.sendgrid.region ?? 'global';
  const webhookPublicKey = 'webhookPublicKey' in requestedSendgrid ? requestedSendgrid.webhookPublicKey : base?.sendgrid.webhookPublicKey;
  const sendgrid: SendgridSettings = { region, delivery, ...(webhookPublicKey ? { webhookPublicKey } : {}) };
  const hipaa: HipaaSettings = { enabled: hipaaEnabled, idleLockMinutes, ...(acknowledgedAt ? { sendgridAcknowledgedAt: acknowledgedAt } : {}) };
  return { sendgrid, hipaa };
}

/** A new profile from the create input (secrets excluded: the caller saves them to the keychain). */
export function buildProfile(input: CreateData, id: string, now: string): Profile {
  const hipaaEnabled = input.hipaa.enabled ?? false;
  const { sendgrid, hipaa } = sendgridAndHipaa(input.sendgrid, undefined, hipaaEnabled, input.hipaa.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES, input.acknowledgeSendgridNoBaa, now);
  return checked({
    id,
    name: input.name,
    kind: input.kind,
    odoo: { url: input.odoo.url ?? '', database: input.odoo.database ?? '', login: input.odoo.login ?? '', protocol: input.odoo.protocol ?? 'auto' },
    storeIds: input.storeIds,
    sendgrid,
    hipaa,
    createdAt: now,
    updatedAt: now,
  });
}

/** The profile after an update, with the same HIPAA delivery rule as on creation. */
export function applyUpdate(profile: Profile, input: UpdateData, now: string): Profile {
  const hipaaEnabled = input.hipaa?.enabled ?? profile.hipaa.enabled;
  const idle = input.hipaa?.idleLockMinutes ?? profile.hipaa.idleLockMinutes;
  const { sendgrid, hipaa } = sendgridAndHipaa(input.sendgrid ?? {}, profile, hipaaEnabled, idle, input.acknowledgeSendgridNoBaa, now);
  return checked({
    ...profile,
    name: input.name ?? profile.name,
    odoo: { ...profile.odoo, ...input.odoo },
    storeIds: input.storeIds ?? profile.storeIds,
    sendgrid,
    hipaa,
    updatedAt: now,
  });
}

function checked(profile: Profile): Profile {
  const parsed = Profile.safeParse(profile);
  if (!parsed.success) throw invalidInput(parsed.error, 'profile');
  return parsed.data;
}
