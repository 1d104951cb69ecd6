import { SegmentedControl } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { userTimeZone } from '../../components';
import type { EditorValues } from './values';

/** When the campaign goes: after review, or at a time in the person's own time zone. */
export function DeliveryFields({ when, scheduleLocal, error, onWhen, onScheduleLocal }: { when: EditorValues['when']; scheduleLocal: EditorValues['scheduleLocal']; error: string | undefined; onWhen: (when: EditorValues['when']) => void; onScheduleLocal: (at: EditorValues['scheduleLocal']) => void }) {
  return (
    <>
      <SegmentedControl value={when} onChange={(w) => onWhen(w as EditorValues['when'])} data={[{ value: 'now', label: 'Send after review' }, { value: 'later', label: 'Schedule' }]} aria-label="When to send" />
      {when === 'later' && (
        <DateTimePicker label="Send at" description={`Your time zone: ${userTimeZone()}`} value={scheduleLocal} onChange={(d) => onScheduleLocal(d)} minDate={new Date()} error={error} valueFormat="DD MMM YYYY HH:mm" clearable />
      )}
    </>
  );
}
