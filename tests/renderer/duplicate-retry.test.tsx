import { describe, expect, it } from 'vitest';
import { createRequestIds } from '../../src/renderer/src/views/campaigns/request-ids';

/** Issue 13: a duplicate whose answer was lost is retried with the same request id, so the server makes no second copy. */
describe('request ids of the campaign list’s duplicate action', () => {
  const minted = () => {
    let n = 0;
    return createRequestIds(() => `req-${++n}`);
  };

  it('repeats the same id for a campaign until its duplicate succeeds', () => {
    const ids = minted();
    expect(ids.for('camp_a')).toBe('req-1');
    expect(ids.for('camp_a')).toBe('req-1');
  });

  it('mints a new id for the next copy once the last one succeeded', () => {
    const ids = minted();
    ids.for('camp_a');
    ids.succeeded('camp_a');
    expect(ids.for('camp_a')).toBe('req-2');
  });

  it('keeps each campaign’s pending request apart', () => {
    const ids = minted();
    expect(ids.for('camp_a')).toBe('req-1');
    expect(ids.for('camp_b')).toBe('req-2');
    ids.succeeded('camp_b');
    expect(ids.for('camp_a')).toBe('req-1');
  });
});
