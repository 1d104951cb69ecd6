import { describe, expect, it } from 'vitest';
import { registerIpc } from '../../../src/main/electron/ipc';
import { createBridge } from '../../../src/preload/bridge';
import { IPC_EVENT_CHANNEL, IPC_PROFILE_CHANNEL } from '../../../src/shared/ipc-channels';
import { createNotesServices, notesContract, notesHandlers } from '../host/fixtures/notes-contract';
import { fakeIpcMain, fakeIpcRenderer, isTrustedFrame } from './fake-ipc';

function setup() {
  const fake = fakeIpcMain();
  const services = createNotesServices();
  registerIpc({ ipcMain: fake.ipcMain, contract: notesContract, handlers: notesHandlers, services: () => services, isTrustedSender: isTrustedFrame });
  const renderer = fakeIpcRenderer(fake);
  const invoked: string[] = [];
  const spying = { ...renderer, invoke: (channel: string, ...args: unknown[]) => (invoked.push(channel), renderer.invoke(channel, ...args)) };
  return { bridge: createBridge(spying, Object.keys(notesContract)), renderer, invoked };
}

describe('the preload bridge (window.markket)', () => {
  it('exposes exactly invoke, onEvent, cancel and onProfileChange', () => {
    expect(Object.keys(setup().bridge).sort()).toEqual(['cancel', 'invoke', 'onEvent', 'onProfileChange']);
  });

  it('refuses a name outside the contract before anything crosses to main', async () => {
    const { bridge, invoked } = setup();
    const outcome = await bridge.invoke('credentials.read', {});
    expect(outcome).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(invoked).toEqual([]);
  });

  it('refuses an inherited property name such as toString', async () => {
    const { bridge, invoked } = setup();
    expect(await bridge.invoke('toString', {})).toMatchObject({ ok: false });
    expect(invoked).toEqual([]);
  });

  it('invokes a contract operation on its derived channel and returns the Outcome', async () => {
    const { bridge, invoked } = setup();
    const outcome = await bridge.invoke('notes.create', { shopId: 's1', text: 'hi' });
    expect(outcome).toEqual({ ok: true, value: { id: 1, shopId: 's1', text: 'hi', tags: [] } });
    expect(invoked).toEqual(['markket:op:notes.create']);
  });

  it('hands the renderer event messages without the IPC event object, and unsubscribes', async () => {
    const { bridge, renderer } = setup();
    await bridge.invoke('notes.create', { shopId: 's1', text: 'hi' });
    const messages: unknown[] = [];
    const unsubscribe = bridge.onEvent((message) => messages.push(message));
    await bridge.invoke('notes.export', { shopId: 's1' }, 'c1');
    unsubscribe();
    expect(messages).toEqual([{ callId: 'c1', event: { done: 1, total: 1 } }]);
    expect(renderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('passes on a pushed profile change as a plain object, drops a malformed one, and unsubscribes', () => {
    const { bridge, renderer } = setup();
    const heard: unknown[] = [];
    const unsubscribe = bridge.onProfileChange((event) => heard.push(event));
    renderer.sender.send(IPC_PROFILE_CHANNEL, { activeProfileId: 'p_clinic01', hipaa: true });
    // Not what main sends: an unknown key, a wrong type, a profile id of another shape, nothing at all.
    renderer.sender.send(IPC_PROFILE_CHANNEL, { activeProfileId: 'p_clinic01', hipaa: true, script: 'x' });
    renderer.sender.send(IPC_PROFILE_CHANNEL, { activeProfileId: 'p_clinic01', hipaa: 'yes' });
    renderer.sender.send(IPC_PROFILE_CHANNEL, { activeProfileId: '../other', hipaa: false });
    renderer.sender.send(IPC_PROFILE_CHANNEL);
    renderer.sender.send(IPC_PROFILE_CHANNEL, { activeProfileId: null, hipaa: false });
    unsubscribe();
    renderer.sender.send(IPC_PROFILE_CHANNEL, { activeProfileId: 'p_clinic01', hipaa: false });
    expect(heard).toEqual([{ activeProfileId: 'p_clinic01', hipaa: true }, { activeProfileId: null, hipaa: false }]);
    expect(renderer.listenerCount(IPC_PROFILE_CHANNEL)).toBe(0);
  });
});
