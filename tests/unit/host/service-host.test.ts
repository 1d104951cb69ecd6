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

describe('a profile switch under way', () => {
  it('holds whoever asks for the settled services until the new ones are in place', async () => {
    const closed: string[] = [];
    const host = createServiceHost(servicesNamed('first', closed));
    let finish: () => void = () => undefined;
    const building = new Promise<void>((resolve) => (finish = resolve));
    const switched = host.switchTo(async (current) => {
      expect(current.name).toBe('first');
      await building;
      return servicesNamed('second', closed);
    });
    const asked = host.settled().then((services) => services.name);
    // While the next services are built, calls that began keep the old ones; settled() waits.
    expect(host.current().name).toBe('first');
    finish();
    await switched;
    expect([await asked, closed]).toEqual(['second', ['first']]);
  });

  it('leaves the current services in place when building the next fails, and releases the waiters', async () => {
    const host = createServiceHost(servicesNamed('first', []));
    const failed = host.switchTo(async () => {
      throw new Error('keychain locked');
    });
    const asked = host.settled();
    await expect(failed).rejects.toThrow('keychain locked');
    expect((await asked).name).toBe('first');
  });

  it('runs switches one after another, each building on the services the previous one left', async () => {
    const host = createServiceHost(servicesNamed('first', []));
    const seen: string[] = [];
    const a = host.switchTo(async (current) => (seen.push(current.name), servicesNamed('second', [])));
    const b = host.switchTo(async (current) => (seen.push(current.name), servicesNamed('third', [])));
    await Promise.all([a, b]);
    expect([seen, (await host.settled()).name]).toEqual([['first', 'second'], 'third']);
  });
});

describe('a console with no Odoo connected', () => {
  it('answers every Odoo call with odoo.not_configured and a sentence pointing to Settings', async () => {
    const odoo = unconfiguredOdooClient();
    const error = await odoo.searchRead('mailing.list', [], ['id']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'odoo.not_configured', message: expect.stringContaining('Settings') });
  });
});
