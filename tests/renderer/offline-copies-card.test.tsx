// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { contract } from '../../src/shared/contract';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: api.call answers by operation name, in the contract's
// own shapes, as the host would; clearing empties what the next size read reports.
const host = vi.hoisted(() => ({ entries: 37, bytes: 2_516_582, cleared: 0, limits: { maxEntries: 500, maxBytes: 50 * 1024 * 1024 }, sent: [] as unknown[] }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string, input: unknown) => {
      if (name === 'offline.cacheSize') return contract['offline.cacheSize'].output.parse({ entries: host.entries, bytes: host.bytes, limits: host.limits });
      if (name === 'offline.setLimits') {
        const { maxCopies, maxMegabytes } = contract['offline.setLimits'].input.parse(input);
        host.sent.push(input);
        host.limits = { maxEntries: maxCopies, maxBytes: maxMegabytes * 1024 * 1024 };
        return contract['offline.setLimits'].output.parse({ entries: host.entries, bytes: host.bytes, limits: host.limits });
      }
      if (name === 'offline.clearCache') {
        host.cleared += 1;
        const removed = { entries: host.entries, bytes: host.bytes };
        host.entries = 0;
        host.bytes = 0;
        return contract['offline.clearCache'].output.parse(removed);
      }
      if (name.startsWith('audit.')) return new Promise(() => undefined);
      throw new Error(`not part of this story: ${name}`);
    },
  },
}));

const { OfflineCopiesCard, formatBytes } = await import('../../src/renderer/src/views/settings/OfflineCopiesCard');

afterEach(cleanup);

describe('Settings → Offline copies', () => {
  it('says how many copies this computer keeps, how large they are and the limits, and clears them on request', async () => {
    renderWithProviders(<OfflineCopiesCard />);
    expect((await screen.findByText('37 offline copies · 2.4 MB')).textContent).toBeTruthy();
    expect(screen.getByText(/At most 500 copies or 50 MB: the oldest go first/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear offline copies' }));
    expect(await screen.findByText('0 offline copies · 0 bytes')).toBeTruthy();
    expect(host.cleared).toBe(1);
    expect((screen.getByRole('button', { name: 'Clear offline copies' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('lets the owner change the limits within their bounds, and shows the new ones once saved', async () => {
    renderWithProviders(<OfflineCopiesCard />);
    const copies = await screen.findByRole('textbox', { name: 'Keep at most (copies)' });
    const megabytes = screen.getByRole('textbox', { name: 'and at most (MB)' });
    const save = () => screen.getByRole('button', { name: 'Save limits' }) as HTMLButtonElement;
    expect(save().disabled).toBe(true);
    fireEvent.change(copies, { target: { value: '10' } });
    expect(await screen.findByText('Between 50 and 5,000 copies')).toBeTruthy();
    expect(save().disabled).toBe(true);
    fireEvent.change(copies, { target: { value: '1,200' } });
    fireEvent.change(megabytes, { target: { value: '200' } });
    await waitFor(() => expect(save().disabled).toBe(false));
    fireEvent.click(save());
    expect(await screen.findByText(/At most 1,200 copies or 200 MB: the oldest go first/)).toBeTruthy();
    expect(host.sent).toEqual([{ maxCopies: 1200, maxMegabytes: 200 }]);
  });

  it('writes sizes as a file manager does', () => {
    expect([formatBytes(512), formatBytes(310 * 1024), formatBytes(2.45 * 1024 * 1024)]).toEqual(['512 bytes', '310 KB', '2.5 MB']);
  });
});
