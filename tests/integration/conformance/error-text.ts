/**
 * An Odoo exception as the conformance suites compare it with the recording: its class, its message
 * and its arguments, word for word, after one documented normalisation.
 *
 * PostgreSQL's errors end with libpq's quote of the SQL statement Odoo generated, cut around the
 * failing value ("LINE 1: ...ROM \"mailing_list\" WHERE (\"mailing_list\".\"id\" IN ('a', 'b', ...\n"
 * and a caret line: odoo18-wire/091, odoo19-json2-wire/108). The peer runs no SQL, so that quote is
 * not compared; the error's own first line ("invalid input syntax for type integer: \"a\"") is.
 * Nothing else is normalised: ids, uids, dates and names in the recorded messages are the ones the
 * replay reproduces.
 */
export interface ErrorText {
  name: string | undefined;
  message: string | undefined;
  arguments: unknown;
}

const SQL_QUOTE = /\nLINE \d+: [^\n]*\n *\^\n$/;

function withoutSqlQuote(name: string | undefined, text: unknown): unknown {
  return typeof text === 'string' && name?.startsWith('psycopg2.') ? text.replace(SQL_QUOTE, '\n') : text;
}

/** `data` is a JSON-RPC `error.data` or a JSON-2 error body. */
export function errorText(data: unknown): ErrorText {
  const d = (data ?? {}) as { name?: string; message?: string; arguments?: unknown };
  return {
    name: d.name,
    message: withoutSqlQuote(d.name, d.message) as string | undefined,
    arguments: Array.isArray(d.arguments) ? d.arguments.map((a) => withoutSqlQuote(d.name, a)) : d.arguments,
  };
}
