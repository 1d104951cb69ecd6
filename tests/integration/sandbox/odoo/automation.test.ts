import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { executeKw } from './helpers';

/** Odoo's Automation Rules (base_automation) in the peer, driven over raw JSON-RPC as an administrator. */
describe("the Odoo peer's Automation Rules app", () => {
  let peer: OdooPeer;
  const call = async (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) => executeKw(peer, model, method, args, kwargs);
  const result = async (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<unknown> => {
    const answer = await call(model, method, args, kwargs);
    if (answer.error) throw new Error(`${answer.error.data.name}: ${answer.error.data.message}`);
    return answer.result;
  };

  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'empty', autoProcessQueue: false });
  });
  afterAll(async () => {
    await peer.close();
  });

  it('is listed but not installed in a fresh Odoo, and an administrator installs it', async () => {
    const [module] = (await result('ir.module.module', 'search_read', [[['name', '=', 'base_automation']]], { fields: ['state'] })) as { id: number; state: string }[];
    expect(module).toMatchObject({ state: 'uninstalled' });
    expect((await call('base.automation', 'search', [[]])).error?.data.message).toBe("Object base.automation doesn't exist");
    expect(await result('ir.module.module', 'button_immediate_install', [[module!.id]])).toMatchObject({ type: 'ir.actions.client', tag: 'reload' });
    expect(await result('base.automation', 'search', [[]])).toEqual([]);
  });

  it('refuses a server action whose code does not parse, when it is saved', async () => {
    const [model] = (await result('ir.model', 'search', [[['model', '=', 'mailing.list']]])) as number[];
    const answer = await call('ir.actions.server', 'create', [[{ name: 'Broken', model_id: model, state: 'code', code: 'if records\n    pass' }]]);
    expect(answer.error?.data.name).toBe('odoo.exceptions.ValidationError');
  });

  it("refuses, when it is saved, code Odoo's safe_eval or Python's compiler would refuse", async () => {
    const [model] = (await result('ir.model', 'search', [[['model', '=', 'mailing.list']]])) as number[];
    const save = async (code: string) => (await call('ir.actions.server', 'create', [[{ name: 'Check', model_id: model, state: 'code', code }]])).error?.data;
    // safe_eval's assert_no_dunder_name: any name with "__", or in _UNSAFE_ATTRIBUTES, raises NameError.
    expect(await save('for lst in records:\n    kind = lst.__class__\n')).toEqual(expect.objectContaining({ name: 'builtins.NameError', message: "Access to forbidden name '__class__' ('for lst in records:\\n    kind = lst.__class__')" }));
    expect((await save('x = __import__'))?.name).toBe('builtins.NameError');
    expect((await save('y = records.mro'))?.name).toBe('builtins.NameError');
    expect((await save('gi_frame = 1'))?.name).toBe('builtins.NameError');
    // Assigning an attribute (STORE_ATTR, in safe_eval's _BLACKLIST) or a keyword never compiles.
    for (const code of ["record.name = 'x'", 'True = 1', 'for None in records:\n    pass', 'x = class', 'return']) {
      expect((await save(code))?.name, code).toBe('odoo.exceptions.ValidationError');
    }
    // A private method (one underscore) is a plain name to safe_eval, and the rule's own constructs pass.
    expect(await save("for lst in records:\n    if lst._name != 'mailing.list' or not user.id:\n        raise UserError('x')\n")).toBeUndefined();
  });

  it("runs a rule's code after a save and takes the whole save back when it raises UserError", async () => {
    const [model] = (await result('ir.model', 'search', [[['model', '=', 'mailing.list']]])) as number[];
    const code = "for lst in records:\n    if lst.name == 'Forbidden':\n        raise UserError('No list may be called ' + lst.name)\n";
    await result('base.automation', 'create', [[{ name: 'No forbidden names', model_id: model, trigger: 'on_create_or_write', filter_domain: "[('name', '!=', 'Exempt')]", action_server_ids: [[0, 0, { name: 'Check', state: 'code', code }]] }]]);
    const [list] = (await result('mailing.list', 'create', [[{ name: 'Customers' }]])) as number[];

    const refused = await call('mailing.list', 'write', [[list!], { name: 'Forbidden', active: false }]);
    expect(refused.error?.data).toMatchObject({ name: 'odoo.exceptions.UserError', message: 'No list may be called Forbidden' });
    expect(await result('mailing.list', 'read', [[list!], ['name', 'active']])).toEqual([{ id: list, name: 'Customers', active: true }]);
    expect((await call('mailing.list', 'create', [[{ name: 'Forbidden' }]])).error?.data.name).toBe('odoo.exceptions.UserError');
    expect(await result('mailing.list', 'search_count', [[['name', '=', 'Forbidden']]], { context: { active_test: false } })).toBe(0);

    // filter_domain keeps the rule off records it does not match; an inactive rule does not run.
    expect(await result('mailing.list', 'write', [[list!], { name: 'Exempt' }])).toBe(true);
    const [rule] = (await result('base.automation', 'search', [[['name', '=', 'No forbidden names']]])) as number[];
    await result('base.automation', 'write', [[rule!], { active: false }]);
    expect(await result('mailing.list', 'write', [[list!], { name: 'Forbidden' }])).toBe(true);
  });
});
