import { describe, expect, it } from 'vitest';
import { nextSensibleSendTime } from '../../src/renderer/src/views/editor/schedule';

// Dates are built in the machine's own time zone, as the picker shows them (a June week, no DST change).
const local = (day: number, hour: number, minute = 0) => new Date(2026, 5, day, hour, minute);

describe('the time the schedule picker proposes', () => {
  it('is the next full hour at least half an hour away, not midnight', () => {
    expect(nextSensibleSendTime(local(10, 14, 10))).toBe('2026-06-10 15:00:00');
    expect(nextSensibleSendTime(local(10, 14, 40))).toBe('2026-06-10 16:00:00');
  });

  it('is 9:00 the next morning in the evening', () => {
    expect(nextSensibleSendTime(local(10, 19, 45))).toBe('2026-06-11 09:00:00');
    expect(nextSensibleSendTime(local(10, 23, 50))).toBe('2026-06-11 09:00:00');
  });

  it('is 9:00 the same morning at night', () => {
    expect(nextSensibleSendTime(local(11, 2, 15))).toBe('2026-06-11 09:00:00');
  });
});
