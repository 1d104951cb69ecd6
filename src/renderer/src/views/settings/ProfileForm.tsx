import { useState } from 'react';
import { Button, Divider, Group, NumberInput, PasswordInput, Select, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import type { z } from 'zod';
import type { ProfileView } from '../../../../shared/schemas/profile';
import { api } from '../../api';
import { ErrorState } from '../../components';
import { DeliveryOptions } from './DeliveryStep';
import { emptyProfileForm, formFromProfile, toCreateInput, toUpdateInput, validateProfileForm, type ProfileFormValues } from './profile-form';

type View = z.infer<typeof ProfileView>;

export interface ProfileFormProps {
  /** The profile being edited; absent when adding one. */
  profile?: View | undefined;
  /** Activate the new profile as soon as it is saved (first run). */
  activateOnCreate?: boolean;
  onSaved: (profile: View) => void;
  onCancel?: () => void;
}

/**
 * Add or edit a profile. API keys go through write-only fields: they are sent once (with the new
 * profile, or through profiles.setSecret), then the fields are cleared; the form only ever learns
 * whether a key is set.
 */
export function ProfileForm({ profile, activateOnCreate = false, onSaved, onCancel }: ProfileFormProps) {
  const creating = !profile;
  const [values, setValues] = useState<ProfileFormValues>(() => (profile ? formFromProfile(profile) : emptyProfileForm()));
  const [submitted, setSubmitted] = useState(false);
  const errors = validateProfileForm(values, { creating });
  const set = <K extends keyof ProfileFormValues>(key: K, value: ProfileFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const error = (key: keyof ProfileFormValues) => (submitted ? errors[key] : undefined);

  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async () => {
    setSubmitted(true);
    if (Object.keys(errors).length > 0) return;
    setPending(true);
    setFailure(null);
    try {
      let saved: View;
      if (creating) {
        saved = await api.call('profiles.create', { ...toCreateInput(values), activate: activateOnCreate });
      } else {
        saved = await api.call('profiles.update', toUpdateInput(profile.id, values));
        if (values.odooApiKey) saved = await api.call('profiles.setSecret', { id: profile.id, secret: 'odoo', value: values.odooApiKey });
        if (values.sendgridApiKey) saved = await api.call('profiles.setSecret', { id: profile.id, secret: 'sendgrid', value: values.sendgridApiKey });
      }
      setValues((v) => ({ ...v, odooApiKey: '', sendgridApiKey: '' }));
      setSubmitted(false);
      onSaved(saved);
    } catch (e) {
      setFailure(e);
    } finally {
      setPending(false);
    }
  };

  const keyHint = (isSet: boolean | undefined) => (isSet ? 'A key is saved in your keychain. Paste a new one to replace it.' : 'Stored in your operating system keychain, never in a file.');
  const demo = values.kind === 'demo';

  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={creating ? 'New profile' : `Edit ${profile.name}`}>
    <Stack>
      <TextInput label="Profile name" placeholder="My store's Odoo" value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={error('name')} required data-autofocus />
      {creating && (
        <Select label="Where your data lives" value={values.kind} onChange={(v) => v && set('kind', v as ProfileFormValues['kind'])} allowDeselect={false}
          data={[{ value: 'own-odoo', label: 'My own Odoo' }, { value: 'markket-default', label: "Markket's shared Odoo" }]} />
      )}
      {!demo && (
        <>
          <TextInput label="Odoo address" placeholder="https://mycompany.odoo.com" value={values.url} onChange={(e) => set('url', e.currentTarget.value)} error={error('url')} required />
          <Group grow align="flex-start">
            <TextInput label="Database" value={values.database} onChange={(e) => set('database', e.currentTarget.value)} error={error('database')} required />
            <TextInput label="Login" placeholder="you@yourstore.com" value={values.login} onChange={(e) => set('login', e.currentTarget.value)} error={error('login')} required />
          </Group>
          <PasswordInput label="Odoo API key" autoComplete="off" description={keyHint(profile?.secrets.odooApiKey)} value={values.odooApiKey} onChange={(e) => set('odooApiKey', e.currentTarget.value)} error={error('odooApiKey')} required={creating} />
          <Group grow align="flex-start">
            <Select label="Protocol" value={values.protocol} onChange={(v) => v && set('protocol', v as ProfileFormValues['protocol'])} allowDeselect={false}
              data={[{ value: 'auto', label: 'Detect automatically' }, { value: 'jsonrpc', label: 'JSON-RPC (Odoo 16–18)' }, { value: 'json2', label: 'JSON-2 (Odoo 19+)' }]} />
            <TagsInput label="Store ids" description="Leave empty to serve every store linked in Odoo" value={values.storeIds} onChange={(v) => set('storeIds', v)} />
          </Group>
        </>
      )}
      <Divider label="SendGrid" labelPosition="left" />
      <PasswordInput label="SendGrid API key" autoComplete="off" description={keyHint(profile?.secrets.sendgridApiKey)} value={values.sendgridApiKey} onChange={(e) => set('sendgridApiKey', e.currentTarget.value)} error={error('sendgridApiKey')} />
      <Select label="Data residency" value={values.region} onChange={(v) => v && set('region', v as ProfileFormValues['region'])} allowDeselect={false} data={[{ value: 'global', label: 'Global' }, { value: 'eu', label: 'EU' }]} />
      <Divider label="Privacy" labelPosition="left" />
      <Switch
        label="HIPAA mode"
        description="Audit log, local data encrypted at rest, auto-lock when idle; mail goes out through your Odoo's own mail server unless you choose otherwise"
        checked={values.hipaa}
        // HIPAA's default delivery is the Odoo's own server (SendGrid signs no BAA); a new profile follows it.
        onChange={(e) => { const on = e.currentTarget.checked; set('hipaa', on); if (on && creating) set('delivery', 'odoo-mail-server'); }}
      />
      {values.hipaa && (
        <NumberInput label="Lock after idle (minutes)" min={1} max={240} value={values.idleLockMinutes} onChange={(v) => set('idleLockMinutes', typeof v === 'number' ? v : Number(v) || 0)} error={error('idleLockMinutes')} w={220} />
      )}
      <Divider label="Delivery" labelPosition="left" />
      <DeliveryOptions value={values.delivery} onChange={(v) => set('delivery', v)} label="How your campaigns are delivered" hipaa={values.hipaa} acknowledged={values.acknowledgeSendgridNoBaa} onAcknowledge={(checked) => set('acknowledgeSendgridNoBaa', checked)} />
      {error('acknowledgeSendgridNoBaa') && <Text size="xs" c="red">{error('acknowledgeSendgridNoBaa')}</Text>}
      {failure !== null && <ErrorState error={failure} title="The profile was not saved" />}
      <Group justify="flex-end">
        {onCancel && <Button variant="default" onClick={onCancel}>Cancel</Button>}
        <Button type="submit" loading={pending}>{creating ? 'Save profile' : 'Save changes'}</Button>
      </Group>
    </Stack>
    </form>
  );
}
