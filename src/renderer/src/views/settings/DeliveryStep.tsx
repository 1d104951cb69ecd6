import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldLock } from '@tabler/icons-react';
import { useOpMutation, type OpOutput } from '../../api/hooks';
import { ErrorState, formatDateTime } from '../../components';
import { useRefreshProfiles } from './use-profile-actions';

type Profile = NonNullable<OpOutput<'profiles.active'>['profile']>;
export type Delivery = Profile['sendgrid']['delivery'];

/** What each way of delivering means, in the words the setup and the profile form both use. */
export const DELIVERY_CHOICES: { value: Delivery; label: string; description: string }[] = [
  {
    value: 'sendgrid-relay',
    label: 'SendGrid',
    description: 'Odoo hands every email to SendGrid (smtp.sendgrid.net), which delivers it and reports opens, clicks and bounces back to the console. The setup adds SendGrid as an outgoing mail server in your Odoo. Not for patient data: SendGrid signs no BAA.',
  },
  {
    value: 'odoo-mail-server',
    label: "Your Odoo's own mail server",
    description: 'Odoo sends with the outgoing mail server your Odoo administrator set up; nothing goes through SendGrid. The choice for HIPAA: patient contact data stays with your Odoo and its mail server.',
  },
];

/** The two choices as radio cards; the HIPAA acknowledgment sits under SendGrid when it is needed. */
export function DeliveryOptions({ value, onChange, label, hipaa, acknowledged, onAcknowledge, acknowledgedAt }: {
  value: Delivery;
  onChange: (value: Delivery) => void;
  label: string;
  hipaa: boolean;
  acknowledged: boolean;
  onAcknowledge: (checked: boolean) => void;
  acknowledgedAt?: string | null;
}) {
  return (
    <Stack gap="sm">
      <Radio.Group label={label} value={value} onChange={(v) => onChange(v as Delivery)}>
        <Stack gap="xs" mt="xs">
          {DELIVERY_CHOICES.map((c) => (
            <Radio key={c.value} value={c.value} label={c.label} description={c.description} />
          ))}
        </Stack>
      </Radio.Group>
      {hipaa && value === 'sendgrid-relay' && (
        <Alert color="orange" variant="light" icon={<IconShieldLock size={18} />} title="SendGrid is not HIPAA compliant and signs no BAA">
          <Stack gap="xs">
            <Text size="sm">Patient contact data in emails sent through SendGrid leaves your controlled environment. Your acknowledgment is recorded in the audit log.</Text>
            <Checkbox label="I understand SendGrid is not HIPAA compliant and signs no BAA, and I still want to deliver through it" checked={acknowledged} onChange={(e) => onAcknowledge(e.currentTarget.checked)} />
            {acknowledgedAt && <Text size="xs" c="dimmed">Acknowledged {formatDateTime(acknowledgedAt)}</Text>}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

/**
 * The active profile's delivery choice, saved on its own: the first step of the Odoo setup (the
 * relay step follows from it) and part of Security. A HIPAA profile starts on its Odoo's own server.
 */
export function DeliveryStep({ profile, label = 'How your campaigns are delivered' }: { profile: Profile; label?: string }) {
  const refresh = useRefreshProfiles();
  const [delivery, setDelivery] = useState(profile.sendgrid.delivery);
  const [acknowledged, setAcknowledged] = useState(Boolean(profile.hipaa.sendgridAcknowledgedAt));
  const update = useOpMutation('profiles.update', { onSuccess: () => { refresh(); notifications.show({ color: 'teal', title: 'Delivery saved', message: delivery === 'sendgrid-relay' ? 'Mail goes out through SendGrid.' : "Mail goes out through your Odoo's own mail server." }); } });
  const needsAck = profile.hipaa.enabled && delivery === 'sendgrid-relay';
  const changed = delivery !== profile.sendgrid.delivery || (needsAck && acknowledged !== Boolean(profile.hipaa.sendgridAcknowledgedAt));
  return (
    <Stack gap="sm">
      <DeliveryOptions value={delivery} onChange={setDelivery} label={label} hipaa={profile.hipaa.enabled} acknowledged={acknowledged} onAcknowledge={setAcknowledged} acknowledgedAt={profile.hipaa.sendgridAcknowledgedAt} />
      {update.error && <ErrorState error={update.error} title="Not saved" />}
      {changed && (
        <Group justify="flex-end">
          <Button variant="light" disabled={needsAck && !acknowledged} loading={update.isPending} onClick={() => update.mutate({ id: profile.id, sendgrid: { delivery }, acknowledgeSendgridNoBaa: needsAck && acknowledged })}>Save delivery</Button>
        </Group>
      )}
    </Stack>
  );
}
