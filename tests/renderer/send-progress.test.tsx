// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/renderer/src/views/stats/SendProgressCard';
import { queueNote } from '../../src/renderer/src/views/editor/ReviewModal';

describe('what the console says about a send Odoo queues', () => {
  it('says Odoo sends in batches, how many are out of how many, and when the next batch leaves', () => {
    const at = new Date(2026, 11, 5, 14, 5).toISOString();
    const time = new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    expect(progressLine({ expected: 5198, sent: 1000, failed: 0, queued: 4198, waiting_for: 'mail_queue', next_batch_at: at })).toBe(`Odoo sends in batches; 1,000 of 5,198 out; next batch expected around ${time}`);
  });

  it('says the mails wait for Odoo’s mail queue without a time when the user may not read it', () => {
    expect(progressLine({ expected: 5198, sent: 0, failed: 2, queued: 5196, waiting_for: 'mail_queue', next_batch_at: null })).toBe('Odoo sends in batches; 0 of 5,198 out, 2 failed; Odoo sends the next batch when its mail queue next runs');
  });

  it('does not promise a big send goes out right away in the review dialog', () => {
    expect(queueNote(5198)).toContain('in batches');
    expect(queueNote(5198)).not.toContain('right away');
    expect(queueNote(40)).toContain('up to 100 people');
  });
});
