import { describe, expect, it } from 'vitest';
import { saveTarget } from '../../src/renderer/src/views/editor/save-target';

/** Issue 13: a save whose answer was lost is repeated onto the same draft, never into a new one. */
describe('which draft the editor’s save writes to', () => {
  const chosen = '6f1c1b1e-5b7a-4c59-9d7e-13a000000002';

  it('names a new campaign with the id the editor chose, so repeating its first save keeps one draft', () => {
    expect(saveTarget(null, chosen)).toEqual({ id: chosen });
    expect(saveTarget(null, chosen)).toEqual(saveTarget(null, chosen));
  });

  it('names a saved draft with the version the editor knows, so another window’s save is not overwritten', () => {
    expect(saveTarget({ id: 'draft-a', version: 4 }, chosen)).toEqual({ id: 'draft-a', baseVersion: 4 });
  });
});
