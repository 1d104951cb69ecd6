import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ownOdoo, profileFixture } from './helpers';

// SendGrid signs no BAA: a HIPAA profile sends through its Odoo's mail server unless the owner acknowledges that.
let fixture: ReturnType<typeof profileFixture>;
beforeEach(() => {
  fixture = profileFixture();
});
afterEach(() => fixture.cleanup());

const hipaaProfile = { ...ownOdoo, hipaa: { enabled: true } };

describe('delivery of a HIPAA profile', () => {
  it("defaults to the Odoo's own mail server", async () => {
    const created = await fixture.store.create(hipaaProfile);
    expect([created.sendgrid.delivery, created.hipaa]).toEqual(['odoo-mail-server', { enabled: true, idleLockMinutes: 15 }]);
  });

  it('refuses SendGrid without the no-BAA acknowledgment and changes nothing', async () => {
    const created = await fixture.store.create(hipaaProfile);
    const error = await fixture.store.update({ id: created.id, sendgrid: { delivery: 'sendgrid-relay' } }).catch((e: unknown) => e);
    expect([error, (await fixture.store.get(created.id)).sendgrid.delivery]).toEqual([expect.objectContaining({ code: 'profile.invalid', message: expect.stringMatching(/BAA/) }), 'odoo-mail-server']);
  });

  it('switches to SendGrid with the acknowledgment and records when it was given', async () => {
    const created = await fixture.store.create(hipaaProfile);
    fixture.clock.advance(3_600_000);
    const updated = await fixture.store.update({ id: created.id, sendgrid: { delivery: 'sendgrid-relay' }, acknowledgeSendgridNoBaa: true });
    expect([updated.sendgrid.delivery, updated.hipaa.sendgridAcknowledgedAt]).toEqual(['sendgrid-relay', '2025-03-01T10:00:00.000Z']);
  });

  it('asks for a new acknowledgment after the profile went back to the Odoo mail server', async () => {
    const created = await fixture.store.create({ ...hipaaProfile, sendgrid: { delivery: 'sendgrid-relay' }, acknowledgeSendgridNoBaa: true });
    await fixture.store.update({ id: created.id, sendgrid: { delivery: 'odoo-mail-server' } });
    await expect(fixture.store.update({ id: created.id, sendgrid: { delivery: 'sendgrid-relay' } })).rejects.toMatchObject({ code: 'profile.invalid' });
  });

  it('keeps an acknowledged SendGrid choice when other settings change', async () => {
    const created = await fixture.store.create({ ...hipaaProfile, sendgrid: { delivery: 'sendgrid-relay' }, acknowledgeSendgridNoBaa: true });
    const updated = await fixture.store.update({ id: created.id, hipaa: { idleLockMinutes: 5 } });
    expect([updated.sendgrid.delivery, updated.hipaa.sendgridAcknowledgedAt]).toEqual(['sendgrid-relay', '2025-03-01T09:00:00.000Z']);
  });

  it('moves a SendGrid profile to the Odoo mail server when HIPAA mode is switched on', async () => {
    const created = await fixture.store.create({ ...ownOdoo, sendgrid: { delivery: 'sendgrid-relay' } });
    const updated = await fixture.store.update({ id: created.id, hipaa: { enabled: true } });
    expect(updated.sendgrid.delivery).toBe('odoo-mail-server');
  });

  it('lets a profile outside HIPAA mode choose SendGrid without an acknowledgment', async () => {
    const created = await fixture.store.create({ ...ownOdoo, sendgrid: { delivery: 'sendgrid-relay' } });
    expect([created.sendgrid.delivery, created.hipaa.sendgridAcknowledgedAt]).toEqual(['sendgrid-relay', undefined]);
  });
});
