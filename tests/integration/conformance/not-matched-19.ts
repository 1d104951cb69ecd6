/**
 * Recordings of odoo19-json2-wire/ the Odoo 19 conformance suite does not compare yet, and why: what
 * the peer still does differently from real Odoo 19 (issue 13, item 15). One place, on purpose, so
 * the list can only shrink. The suite still replays them, so the requests after see the same state.
 */
const group = (files: string[], reason: string): [string, string][] => files.map((file) => [file, reason]);

export const NOT_MATCHED_19: Record<string, string> = Object.fromEntries([
  ['021-empty-body-ok.json', "res.partner's full field set with every attribute (71 kB): the peer's res.partner has the fields the console reads, not mail.thread's message_* and has_message"],
  ['066-read-mail_blacklist-no-fields-means-all.json', "the demo blacklist entry has one chatter message (message_ids [70], has_message true): the peer keeps no mail.message, so message_ids is always empty"],
  ['118-error-AccessError-internal-user-without-mailing-rights.json', 'needs the internal user "demo" outside the Email Marketing group, with its own API key, which the peer does not seed'],
  ['122-error-bad-argument-unexpected-extra-kwarg.json', "mail.blacklist.action_add (no parameters) is not a method of the peer, so the unknown name is a 404 before binding; neither the recording nor the source read says what action_add does"],
  ...group(['152-action_schedule-no-date-returns-wizard.json', '154-action_schedule-past-date-returns-wizard.json'], "action_schedule without a future date returns the schedule wizard's action; the peer's action has a smaller key set than 19's full ir.actions.act_window read"),
  ['176-error-ids-strings.json', 'real 19 browses string ids and read drops them (200 []); the peer refuses them as PostgreSQL would (odoo18-wire/091), and no recording says what other methods do with them'],
]);
