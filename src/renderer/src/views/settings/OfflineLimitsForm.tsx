import { useState } from 'react';
import { Button, Group, NumberInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useOpMutation } from '../../api/hooks';
import { ErrorState, formatNumber } from '../../components';
import { OFFLINE_LIMIT_BOUNDS, OfflineCopyLimits } from '../../../../shared/schemas/profile';

const MB = 1024 * 1024;
const { maxCopies: copyBounds, maxMegabytes: mbBounds } = OFFLINE_LIMIT_BOUNDS;

/**
 * How much this profile's offline copies may take (copies and megabytes), saved with the profile
 * and applied at once: copies past new, lower limits go now, the oldest first. The form checks
 * the same schema as the server, so a value out of bounds says why before it is sent.
 */
export function OfflineLimitsForm({ limits }: { limits: { maxEntries: number; maxBytes: number } }) {
  const saved = { maxCopies: limits.maxEntries, maxMegabytes: Math.round(limits.maxBytes / MB) };
  const [values, setValues] = useState(saved);
  const set = (key: keyof typeof values) => (v: number | string) => setValues((old) => ({ ...old, [key]: typeof v === 'number' ? v : Number(v) || 0 }));
  const check = OfflineCopyLimits.safeParse(values);
  const problem = (key: keyof typeof values) => (check.success ? undefined : check.error.issues.find((i) => i.path[0] === key)?.message);
  const save = useOpMutation('offline.setLimits', {
    invalidates: ['offline.cacheSize', 'audit.list', 'audit.verify'],
    onSuccess: (r) =>
      notifications.show({ color: 'teal', title: 'Offline limits saved', message: `Keeping at most ${formatNumber(r.limits.maxEntries)} copies or ${formatNumber(Math.round(r.limits.maxBytes / MB))} MB; ${formatNumber(r.entries)} kept now.` }),
  });
  const unchanged = values.maxCopies === saved.maxCopies && values.maxMegabytes === saved.maxMegabytes;
  return (
    <Stack gap="xs">
      <Group align="flex-start" wrap="wrap">
        <NumberInput
          label="Keep at most (copies)"
          min={copyBounds.min}
          max={copyBounds.max}
          step={50}
          thousandSeparator=","
          value={values.maxCopies}
          onChange={set('maxCopies')}
          error={problem('maxCopies') && `Between ${formatNumber(copyBounds.min)} and ${formatNumber(copyBounds.max)} copies`}
          w={200}
        />
        <NumberInput
          label="and at most (MB)"
          min={mbBounds.min}
          max={mbBounds.max}
          step={10}
          thousandSeparator=","
          value={values.maxMegabytes}
          onChange={set('maxMegabytes')}
          error={problem('maxMegabytes') && `Between ${formatNumber(mbBounds.min)} and ${formatNumber(mbBounds.max)} MB`}
          w={200}
        />
        <Button variant="light" mt={25} disabled={!check.success || unchanged} loading={save.isPending} onClick={() => check.success && save.mutate(check.data)}>
          Save limits
        </Button>
      </Group>
      {save.error && <ErrorState error={save.error} title="Limits not saved" />}
    </Stack>
  );
}
