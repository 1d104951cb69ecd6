/**
 * Recordings of odoo19-json2-wire/ the Odoo 19 conformance suite does not compare yet, and why: what
 * the peer still does differently from real Odoo 19 (issue 13, item 15). One place, on purpose, so
 * the list can only shrink. The suite still replays them, so the requests after see the same state.
 */
const group = (files: string[], reason: string): [string, string][] => files.map((file) => [file, reason]);

export const NOT_MATCHED_19: Record<string, string> = Object.fromEntries([
  ...group(
    ['010-search_read-res_partner-ok.json', '051-read-mailing_list-ids.json', '054-name_search-mailing_list.json', '056-web_search_read-mailing_contact-m2m.json',
      '057-read_group-mailing_trace-by-status-deprecated.json', '058-read_group-mailing_trace-nolazy-deprecated.json', '059-formatted_read_group-mailing_trace-by-status.json',
      '060-formatted_read_group-mailing_trace-two-groupbys.json', '061-formatted_read_group-default-no-aggregates.json', '062-web_read_group-mailing_trace.json',
      '063-search_read-mailing_trace-demo.json', '064-search_read-mailing_mailing-demo.json', '066-read-mail_blacklist-no-fields-means-all.json', '084-search_read-mail_blacklist.json',
      '133-read-mailing_mailing-draft.json', '137-search_read-mailing_trace-test-trace.json', '141-read-mailing_mailing-right-after-launch.json', '142-read-mailing_mailing-after-send.json',
      '143-search_read-mailing_trace-after-send.json', '144-formatted_read_group-mailing_trace-status-and-failure.json', '167-read-mailing_mailing-after-queue-processed.json',
      '184-mailing_trace-set_bounced-with-domain.json', '186-search_read-mailing_trace-after-open-click-bounce.json', '242-read-mailing_trace.json',
      '245-formatted_read_group-mailing_mailing-by-state.json', '246-formatted_read_group-mailing_trace-by-day.json'],
    "reads records of the recorded markket19 demo database (partner 3, demo mailing 1 and its traces, its blacklist) by id or count; the peer has no seed reproducing that database, as odoo18-fixture.ts does for 18",
  ),
  ...group(
    ['024-portal-user-context_get.json', '116-error-AccessError-portal-search_read.json', '117-error-AccessError-portal-create.json', '120-has_access-portal-false.json',
      '191-error-AccessError-portal-mailing_trace.json', '222-error-json2-cookie-and-key-of-other-user.json', '237-error-doc-bearer-portal.json'],
    "needs the portal user's API key (<PORTAL_API_KEY>); the peer's portal user has none yet",
  ),
  ['118-error-AccessError-internal-user-without-mailing-rights.json', 'needs the internal user "demo" outside the Email Marketing group, which the peer does not seed'],

  ...group(
    ['022-body-json-array-ignored.json', '105-error-bad-argument-missing-required.json', '122-error-bad-argument-unexpected-extra-kwarg.json'],
    "the peer's method signatures do not bind like Python's inspect.signature: a missing required argument or an unexpected one should be 422 UnprocessableEntity",
  ),
  ...group(
    ['106-error-bad-argument-positional-args-key.json', '108-error-bad-argument-type-limit-string.json', '173-error-ids-missing-ensure_one.json', '174-error-ids-two-ensure_one.json'],
    'real 19 binds these and fails inside the method (TypeError, ValueError "Expected singleton"): a 500; the peer refuses them earlier with a different status',
  ),
  ['176-error-ids-strings.json', 'real 19 browses string ids and read drops them (200 []); the peer fails on them'],
  ...group(['152-action_schedule-no-date-returns-wizard.json', '154-action_schedule-past-date-returns-wizard.json'], "action_schedule without a future date returns the schedule wizard's action; the peer's action differs in shape"),
  ['203-copy-mailing_subscription-error.json', 'copying a subscription hits its unique (contact, list) constraint: a 422 ValidationError the peer does not raise'],
  ['223-error-json2-cookie-and-other-db-header.json', 'a session cookie of one database with X-Odoo-Database naming another: the peer has no second database to name'],
  ...group(
    ['230-doc-bearer-mailing_mailing.json', '231-doc-bearer-mailing_list.json', '232-doc-bearer-mailing_contact.json', '233-doc-bearer-mailing_subscription.json',
      '234-doc-bearer-mailing_trace.json', '235-doc-bearer-mail_blacklist.json', '236-doc-bearer-res_partner_category.json'],
    'the api_doc module (/doc-bearer/<model>.json) is not part of the peer; the console does not use it',
  ),
  ['021-empty-body-ok.json', "res.partner's full field set with every attribute (71 kB): the peer's res.partner has the fields the console reads, not mail.thread's message_* and has_message"],
  ['031-fields_get-mailing_contact.json', 'real 19 adds searchable: false to first_name and last_name (computed, no search method) even when the attributes asked leave it out; the peer does not mark fields unsearchable'],
]);
