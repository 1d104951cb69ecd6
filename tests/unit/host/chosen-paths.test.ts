import { describe, expect, it } from 'vitest';
import { withChosenPaths } from '../../../src/main/host/console';
import { chosenPath } from '../../../src/main/host/handlers/exports';

/** Exports write only where the user pointed the save dialog, once per choice. */
describe('save paths for exports', () => {
  const desktop = withChosenPaths({ chooseSavePath: async (name) => `/home/owner/Documents/${name}` });

  it('accepts the path the save dialog returned, once', async () => {
    const path = await desktop.chooseSavePath('subscribers.csv');
    expect(chosenPath({ desktop }, path!)).toBe(path);
    expect(() => chosenPath({ desktop }, path!)).toThrow(expect.objectContaining({ code: 'input.invalid' }));
  });

  it('refuses a path typed into the request', () => {
    expect(() => chosenPath({ desktop }, '/home/owner/.bashrc')).toThrow(expect.objectContaining({ code: 'input.invalid', details: { fields: [{ field: 'path', problem: 'was not chosen in the save dialog' }] } }));
  });

  it('refuses every path where there is no save dialog (browser mode)', () => {
    expect(() => chosenPath({}, '/tmp/report.csv')).toThrow(expect.objectContaining({ code: 'input.invalid' }));
  });
});
