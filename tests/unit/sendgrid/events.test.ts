import { describe, expect, it } from 'vitest';
import { customArgsOf, parseEventBatch, parseEventFile, xMessageIdOf } from '../../../src/main/core/sendgrid';
import { AppError } from '../../../src/shared/errors';

const delivered = {
  email: 'ana@example.com',
  timestamp: 1_743_508_800,
  event: 'delivered',
  sg_event_id: 'ZGVsaXZlcmVkLTAtMTIz',
  sg_message_id: 'W86EgYT6SQKk0lRflfLRsA.filterdrecv-5645d9c87f-78xgx-1-5F1B0E6F-6.0',
  'smtp-id': '<123.456-openerp@odoo-host>',
  category: ['camp_8f2k'],
  campaign_id: 'camp_8f2k',
  response: '250 OK',
};
const bounce = { ...delivered, event: 'bounce', type: 'blocked', sg_event_id: 'Ym91bmNl', reason: '550 blocked', status: '5.7.1' };
const open = { ...delivered, event: 'open', sg_event_id: 'b3Blbg', sg_machine_open: true, useragent: 'Mozilla/5.0' };

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('SendGrid event model', () => {
  it('parses a webhook body that is a JSON array of events', () => {
    const events = parseEventBatch(JSON.stringify([delivered, bounce, open]));
    expect(events.map((e) => e.event)).toEqual(['delivered', 'bounce', 'open']);
    expect(events[1]).toMatchObject({ type: 'blocked', reason: '550 blocked' });
    expect(events[2]).toMatchObject({ sg_machine_open: true });
  });

  it('treats a bounce without a type as a hard bounce', () => {
    const { type: _type, ...untyped } = bounce;
    const [event] = parseEventBatch([untyped]);
    expect(event).toMatchObject({ event: 'bounce', type: 'bounce' });
  });

  it('keeps the sender’s custom_args, which SendGrid puts at the top level of each event', () => {
    const [event] = parseEventBatch([delivered]);
    expect(customArgsOf(event!)).toEqual({ campaign_id: 'camp_8f2k' });
  });

  it('recovers the X-Message-Id of the send from sg_message_id', () => {
    const [event] = parseEventBatch([delivered]);
    expect(xMessageIdOf(event!)).toBe('W86EgYT6SQKk0lRflfLRsA');
  });

  it('rejects a webhook body that is not an array', () => {
    expect(caught(() => parseEventBatch(JSON.stringify(delivered))).code).toBe('input.invalid');
  });

  it('reads a saved event file written as one JSON array', () => {
    expect(parseEventFile(JSON.stringify([delivered, open], null, 2))).toHaveLength(2);
  });

  it('reads a saved event file written as NDJSON, skipping blank lines', () => {
    const text = `${JSON.stringify(delivered)}\n\n${JSON.stringify(open)}\r\n${JSON.stringify([bounce])}\n`;
    expect(parseEventFile(text).map((e) => e.event)).toEqual(['delivered', 'open', 'bounce']);
  });

  it('names the line of an NDJSON file that is not JSON', () => {
    const error = caught(() => parseEventFile(`${JSON.stringify(delivered)}\n{"event": "open",\n`));
    expect(error.code).toBe('input.invalid');
    expect(error.message).toContain('Line 2');
    expect(error.details).toMatchObject({ line: 2 });
  });

  it('names the line and field of an event with an unknown type', () => {
    const error = caught(() => parseEventFile(`${JSON.stringify(delivered)}\n${JSON.stringify({ ...delivered, event: 'teleported' })}`));
    expect(error.message).toContain('Line 2');
    expect(error.details).toMatchObject({ line: 2, field: 'event' });
  });

  it('names the event of a JSON array with a missing sg_event_id', () => {
    const { sg_event_id: _id, ...withoutId } = delivered;
    const error = caught(() => parseEventFile(JSON.stringify([delivered, withoutId])));
    expect(error.message).toContain('Event 2');
    expect(error.details).toMatchObject({ index: 1, field: 'sg_event_id' });
  });

  it('gives the spec’s event, which names its campaign and no message, an identity from what it says', () => {
    const specEvent = { event: 'open', email: 'user@example.com', timestamp: 1733140800, campaign_id: '456', url: null };
    const [first] = parseEventBatch([specEvent]);
    const [again] = parseEventBatch([{ ...specEvent }]);
    const [other] = parseEventBatch([{ ...specEvent, email: 'someone.else@example.com' }]);
    expect(first!.sg_event_id).toMatch(/^derived_/);
    expect(again!.sg_event_id).toBe(first!.sg_event_id);
    expect(other!.sg_event_id).not.toBe(first!.sg_event_id);
  });

  it('returns no events for an empty file', () => {
    expect(parseEventFile('  \n')).toEqual([]);
  });
});
