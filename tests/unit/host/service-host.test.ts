import { describe, expect, it } from 'vitest';
import { createServiceHost } from '../../../src/main/host/service-host';
import { unconfiguredOdooClient } from '../../../src/main/host/unconfigured-odoo';

function servicesNamed(name: string, closed: string[]) {
  return { name, odoo: { ...unconfiguredOdooClient(), close: async () => void closed.push(name) } };
}

describe('the service host', () => {
  it('hands out the services it was given', () => {
    const first = servicesNamed('first', []);
    expect(createServiceHost(first).current()).toBe(first);
  });

  it('switches to the new services and closes the old Odoo client', async () => {
    const closed: string[] = [];
    const host = createServiceHost(servicesNamed('first', closed));
    await host.replace(servicesNamed('second', closed));
    expect(host.current().name).toBe('second');
    expect(closed).toEqual(['first']);
  });

  it('closes the current Odoo client when it closes, and any services offered afterwards', async () => {
    const closed: string[] = [];
    const host = createServiceHost(servicesNamed('first', closed));
    await host.close();
    await host.replace(servicesNamed('late', closed));
    expect(closed).toEqual(['first', 'late']);
  });
});

describe('a console with no Odoo connected', () => {
  it('answers every Odoo call with odoo.not_configured and a sentence pointing to Settings', async () => {
    const odoo = unconfiguredOdooClient();
    const error = await odoo.searchRead('mailing.list', [], ['id']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'odoo.not_configured', message: expect.stringContaining('Settings') });
  });
});
