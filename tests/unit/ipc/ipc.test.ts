import type { IpcMain, WebFrameMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { registerIpc, type IpcMainLike } from '../../../src/main/electron/ipc';
import { contract } from '../../../src/shared/contract';
import { IPC_CANCEL_CHANNEL, IPC_EVENT_CHANNEL, ipcChannelFor } from '../../../src/shared/ipc-channels';
import type { Handlers } from '../../../src/shared/rpc';
import { createNotesServices, notesContract, notesHandlers } from '../host/fixtures/notes-contract';
import { appFrame, fakeIpcMain, fakeSender, isTrustedFrame } from './fake-ipc';

// Electron's real ipcMain must satisfy the structural type the transport asks for (checked by tsc).
const realIpcMainFits: (ipcMain: IpcMain) => IpcMainLike<WebFrameMain> = (ipcMain) => ipcMain;

function setup() {
  const fake = fakeIpcMain();
  const services = createNotesServices();
  const unregister = registerIpc({ ipcMain: fake.ipcMain, contract: notesContract, handlers: notesHandlers, services: () => services, isTrustedSender: isTrustedFrame });
  return { ...fake, services, unregister, sender: fakeSender() };
}

describe('the IPC transport', () => {
  it('registers one channel for every entry of the app contract, and nothing else', () => {
    const fake = fakeIpcMain();
    // Handlers that never run: this test is about registration, which must iterate the contract.
    const handlers = Object.fromEntries(Object.keys(contract).map((name) => [name, () => ({})])) as unknown as Handlers<typeof contract, null>;
    registerIpc({ ipcMain: fake.ipcMain, contract, handlers, services: () => null, isTrustedSender: isTrustedFrame });
    expect([...fake.handlers.keys()].sort()).toEqual(Object.keys(contract).map(ipcChannelFor).sort());
    expect([...fake.listeners.keys()]).toEqual([IPC_CANCEL_CHANNEL]);
    expect(typeof realIpcMainFits).toBe('function');
  });

  it('runs an operation and returns its result as an ok Outcome', async () => {
    const t = setup();
    const outcome = await t.invoke(ipcChannelFor('notes.create'), appFrame, t.sender, { shopId: 's1', text: 'Spring sale' });
    expect(outcome).toEqual({ ok: true, value: { id: 1, shopId: 's1', text: 'Spring sale', tags: [] } });
  });

  it('validates the input and names the invalid field', async () => {
    const t = setup();
    const outcome = await t.invoke(ipcChannelFor('notes.create'), appFrame, t.sender, { shopId: 's1', text: '' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'input.invalid', details: { fields: [{ field: 'text', problem: 'is required' }] } } });
    expect(t.services.notes).toEqual([]);
  });

  it('refuses a sender from another origin before running anything', async () => {
    const t = setup();
    const outcome = await t.invoke(ipcChannelFor('notes.create'), { url: 'https://evil.example/', isMainFrame: true }, t.sender, { shopId: 's1', text: 'x' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(t.services.notes).toEqual([]);
  });

  it('refuses a subframe of the app and a call without a frame', async () => {
    const t = setup();
    const fromSubframe = await t.invoke(ipcChannelFor('notes.list'), { ...appFrame, isMainFrame: false }, t.sender, { shopId: 's1' });
    const withoutFrame = await t.invoke(ipcChannelFor('notes.list'), null, t.sender, { shopId: 's1' });
    expect([fromSubframe, withoutFrame]).toEqual([
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) }),
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) }),
    ]);
  });

  it('sends progress events back to the calling window tagged with its callId', async () => {
    const t = setup();
    t.services.notes.push({ id: 1, shopId: 's1', text: 'a', tags: [] }, { id: 2, shopId: 's1', text: 'b', tags: [] });
    const outcome = await t.invoke(ipcChannelFor('notes.export'), appFrame, t.sender, { shopId: 's1' }, 'call-7');
    expect(outcome).toEqual({ ok: true, value: { exported: 2 } });
    expect(t.sender.sent).toEqual([
      { channel: IPC_EVENT_CHANNEL, args: [{ callId: 'call-7', event: { done: 1, total: 2 } }] },
      { channel: IPC_EVENT_CHANNEL, args: [{ callId: 'call-7', event: { done: 2, total: 2 } }] },
    ]);
  });

  it('aborts a running call when its window cancels it', async () => {
    const t = setup();
    const pending = t.invoke(ipcChannelFor('notes.export'), appFrame, t.sender, { shopId: 's1', hold: true }, 'call-9');
    await expect.poll(() => t.sender.sent.length).toBe(1);
    t.emit(IPC_CANCEL_CHANNEL, appFrame, t.sender, 'call-9');
    await t.services.exportAborted;
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('does not let another window cancel a call it did not start', async () => {
    const t = setup();
    const pending = t.invoke(ipcChannelFor('notes.export'), appFrame, t.sender, { shopId: 's1', hold: true }, 'call-3');
    await expect.poll(() => t.sender.sent.length).toBe(1);
    let aborted = false;
    void t.services.exportAborted.then(() => (aborted = true));
    t.emit(IPC_CANCEL_CHANNEL, appFrame, fakeSender(2), 'call-3');
    await Promise.resolve();
    expect(aborted).toBe(false);
    t.unregister();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('removes every channel it registered when unregistered', () => {
    const t = setup();
    t.unregister();
    expect(t.handlers.size).toBe(0);
    expect(t.listeners.get(IPC_CANCEL_CHANNEL)?.size).toBe(0);
  });
});
