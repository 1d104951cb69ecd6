import type { GuardRule } from './mailing-guard';

/**
 * Odoo checks a write against the record rules as the record was before it (models.py write ->
 * check_access('write') before _write; create is checked after), so an owner could move their own
 * list, contact, tag or saved segment to another store, or to none, by writing its
 * x_markket_store_id. One Automation Rule per model refuses that after the save, as the mailing
 * guard does for mailings: for a store owner (a user with a store) every saved record must still
 * be of their store. A UserError takes the whole save back. Staff saves pass untouched.
 */
const KEPT: readonly { model: string; what: string; noun: string }[] = [
  { model: 'mailing.list', what: 'mailing lists', noun: 'A mailing list' },
  { model: 'mailing.contact', what: 'contacts', noun: 'A contact' },
  { model: 'res.partner.category', what: 'tags', noun: 'A tag' },
  { model: 'mailing.filter', what: 'saved segments', noun: 'A saved segment' },
];

export const keepInStoreName = (what: string): string => `Markket store owner: ${what} stay in their store`;

function keepInStoreCode(what: string, noun: string): string {
  return `# ${keepInStoreName(what)} (Markket console setup, "Isolate stores").
# Record rules are checked before a write, so an owner could move their own record out of
# their store; every saved record of a store owner is checked here, after the save.
store = user.x_markket_store_id
if store:
    for record in records:
        if record.x_markket_store_id != store:
            raise UserError("${noun} of your store stays in your store. Ask your Odoo administrator to move it to another store.")
`;
}

export const KEEP_IN_STORE_GUARDS: readonly GuardRule[] = KEPT.map(({ model, what, noun }) => ({ name: keepInStoreName(what), model, code: keepInStoreCode(what, noun) }));
