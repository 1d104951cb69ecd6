import { recordsetRepr, userError, valueError } from '../errors';
import { create, ensureExist, search, write } from '../orm/crud';
import type { MethodSpec } from '../orm/model';
import { normalizeEmail } from './email';

/**
 * mail.blacklist.action_add(self): `self._add(self.email)` (addons/mail/models/mail_blacklist.py). It
 * takes no parameters, so JSON-2 refuses any argument at binding (odoo19-json2-wire/122). _add finds
 * the entry of that normalized address, archived ones included, and unarchives it, or creates one.
 * Reading self.email wants one record: several are a ValueError; none reads False, which create
 * refuses as an invalid address.
 */
export const blacklistActionAdd: MethodSpec = {
  kind: 'records',
  params: [],
  run: (env, ids) => {
    if (ids.length > 1) throw valueError(`Expected singleton: ${recordsetRepr('mail.blacklist', ids)}`);
    const [rec] = ensureExist(env, 'mail.blacklist', ids);
    if (!rec) throw userError('Invalid email address “False”');
    const everything = env.withContext({ active_test: false });
    const found = search(everything, 'mail.blacklist', [['email', '=', normalizeEmail(rec.email) ?? rec.email]]);
    if (found.length) write(env, 'mail.blacklist', found, { active: true });
    else create(env, 'mail.blacklist', [{ email: rec.email }]);
    return undefined;
  },
};
