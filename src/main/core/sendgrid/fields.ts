/**
 * Turns a SendGrid dynamic template (Handlebars) into an Odoo `mailing.mailing.body_html`
 * (QWeb) where an equivalent exists, and reports the rest before anything is sent.
 *
 * - Text: `{{first_name}}` → `<t t-out="object.name"/>` (t-out escapes, like Handlebars' `{{ }}`;
 *   `{{{ }}}` is mapped to t-out too: escaping a contact's name is never wrong in a mailing).
 * - Attributes: `href="mailto:{{email}}"` → `t-attf-href="mailto:{{ object.email }}"` (QWeb's
 *   format-string attribute).
 * - Unsubscribe (`{{unsubscribe}}`, `{{{unsubscribe}}}`, `<%asm_group_unsubscribe_raw_url%>`) →
 *   `/unsubscribe_from_list`: the placeholder Odoo's mass_mailing swaps for the recipient's own
 *   unsubscribe URL when it sends (addons/mass_mailing/models/mail_mail.py replaces
 *   `base_url + '/unsubscribe_from_list'`; the Odoo docs tell editors to link to it). In text it
 *   becomes a link, because Odoo only rewrites the placeholder inside an href. SendGrid's
 *   preferences link goes there too: Odoo 17+'s unsubscribe page is where a contact manages
 *   their lists (mass_mailing controllers/main.py, mailing_unsubscribe), SendGrid's preferences page.
 * - Conditionals: `{{#if first_name}}A{{else}}B{{/if}}` → `<t t-if="object.name">A</t><t t-else="">B</t>`
 *   and `{{#unless x}}` → `t-if="not …"` (QWeb's own t-if / t-else, ir_qweb _compile_directive_if).
 *   A condition on a field Odoo has no equivalent for stays as written and is reported.
 */

export interface FieldMapping {
  html: string;
  mapped: { field: string; odoo: string }[];
  unmapped: string[];
}

const UNSUBSCRIBE_URL = '/unsubscribe_from_list';

const VALUE_FIELDS: Record<string, string> = {
  first_name: 'object.name',
  firstname: 'object.name',
  name: 'object.name',
  full_name: 'object.name',
  fullname: 'object.name',
  contact_name: 'object.name',
  customer_name: 'object.name',
  email: 'object.email',
  email_address: 'object.email',
  recipient_email: 'object.email',
  company: 'object.company_name',
  company_name: 'object.company_name',
};

const UNSUBSCRIBE_FIELDS = new Set([
  'unsubscribe',
  'unsubscribe_url',
  'unsubscribe_link',
  'asm_group_unsubscribe_raw_url',
  'asm_global_unsubscribe_raw_url',
  'asm_group_unsubscribe_url',
  'asm_global_unsubscribe_url',
  'unsubscribe_preferences',
  'asm_preferences_raw_url',
  'asm_preferences_url',
]);

type Resolved =
  | { kind: 'value'; field: string; expression: string }
  | { kind: 'unsubscribe'; field: string }
  | { kind: 'unmapped'; field: string };

// `{{{ x }}}` first so a triple stache is not read as a double one.
const EXPRESSION = /\{\{\{\s*([^{}]*?)\s*\}\}\}|\{\{\s*([^{}]*?)\s*\}\}/g;
// SendGrid's legacy substitution tags, e.g. <%asm_group_unsubscribe_raw_url%>.
const LEGACY_TAG = /<%\s*([A-Za-z0-9_]+)\s*%>/g;
// A tag whose attribute values may contain '>' inside quotes.
const TAG = /<[A-Za-z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/g;
const ATTRIBUTE = /(\s)([^\s=/>"']+)(\s*=\s*)(?:"([^"]*)"|'([^']*)')/g;

export function mapTemplateFields(html: string): FieldMapping {
  const mapped = new Map<string, string>();
  const unmapped = new Set<string>();
  const note = (r: Resolved): void => {
    if (r.kind === 'unmapped') unmapped.add(r.field);
    else mapped.set(r.field, r.kind === 'value' ? r.expression : UNSUBSCRIBE_URL);
  };

  const source = mapConditionals(html.replace(LEGACY_TAG, (_m, name: string) => `{{{${name}}}}`), note);
  let out = '';
  let last = 0;
  for (const tag of source.matchAll(TAG)) {
    out += mapText(source.slice(last, tag.index), note);
    out += mapTag(tag[0], note, unmapped);
    last = tag.index + tag[0].length;
  }
  out += mapText(source.slice(last), note);
  return {
    html: out,
    mapped: [...mapped].map(([field, odoo]) => ({ field, odoo })),
    unmapped: [...unmapped].filter((f) => !mapped.has(f)),
  };
}

// The innermost block first (its body holds no other block), so nested blocks unwind from inside out.
const INNER_BODY = '((?:(?!\\{\\{#(?:if|unless)\\b)[\\s\\S])*?)';
const BLOCK = new RegExp(`\\{\\{#(if|unless)\\s+([^{}]+?)\\s*\\}\\}${INNER_BODY}(?:\\{\\{else\\}\\}${INNER_BODY})?\\{\\{\\/\\1\\}\\}`);

function mapConditionals(html: string, note: (r: Resolved) => void): string {
  let out = html;
  const kept: string[] = [];
  for (let m = BLOCK.exec(out); m; m = BLOCK.exec(out)) {
    const [whole, helper, condition, then, otherwise] = m as unknown as [string, 'if' | 'unless', string, string, string | undefined];
    const resolved = resolve(condition);
    let replacement: string;
    if (resolved.kind === 'value') {
      note(resolved);
      const expression = helper === 'unless' ? `not ${resolved.expression}` : resolved.expression;
      replacement = `<t t-if="${escapeAttribute(expression)}">${then}</t>${otherwise !== undefined ? `<t t-else="">${otherwise}</t>` : ''}`;
    } else {
      // Reported once, as "#if vip", when the text is read (mapText).
      // Parked (behind a private-use character no template holds) so the loop moves on; put back as written at the end.
      kept.push(whole);
      replacement = `\uE000${kept.length - 1}\uE000`;
    }
    out = out.slice(0, m.index) + replacement + out.slice(m.index + whole.length);
  }
  return out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => kept[Number(i)] ?? '');
}

/** `{{else}}` and `{{/if}}` close a block whose opening `{{#if …}}` is reported already. */
export const isBlockEnd = (expression: string): boolean => expression.trim() === 'else' || expression.trim().startsWith('/');

function mapText(text: string, note: (r: Resolved) => void): string {
  return text.replace(EXPRESSION, (whole, triple: string | undefined, double: string | undefined) => {
    if (isBlockEnd(triple ?? double ?? '')) return whole;
    const resolved = resolve(triple ?? double ?? '');
    note(resolved);
    if (resolved.kind === 'value') return `<t t-out="${escapeAttribute(resolved.expression)}"/>`;
    if (resolved.kind === 'unsubscribe') return `<a href="${UNSUBSCRIBE_URL}">Unsubscribe</a>`;
    return whole;
  });
}

function mapTag(tag: string, note: (r: Resolved) => void, unmapped: Set<string>): string {
  return tag.replace(ATTRIBUTE, (whole, space: string, name: string, eq: string, dq: string | undefined, sq: string | undefined) => {
    const value = dq ?? sq ?? '';
    const quote = dq !== undefined ? '"' : "'";
    const found = [...value.matchAll(EXPRESSION)].map((m) => resolve(m[1] ?? m[2] ?? ''));
    if (found.length === 0) return whole;
    const unsubscribeOnly = value.replace(EXPRESSION, (expr, t: string | undefined, d: string | undefined) =>
      resolve(t ?? d ?? '').kind === 'unsubscribe' ? UNSUBSCRIBE_URL : expr,
    );
    if (found.some((r) => r.kind === 'unmapped')) {
      // A t-attf attribute would evaluate the unknown field as code and fail at send time, so the
      // attribute keeps its Handlebars and every field in it is reported.
      for (const r of found) {
        if (r.kind === 'unsubscribe') note(r);
        else unmapped.add(r.field);
      }
      return `${space}${name}${eq}${quote}${unsubscribeOnly}${quote}`;
    }
    found.forEach(note);
    if (found.every((r) => r.kind === 'unsubscribe')) return `${space}${name}${eq}${quote}${unsubscribeOnly}${quote}`;
    const format = value.replace(EXPRESSION, (_e, t: string | undefined, d: string | undefined) => {
      const r = resolve(t ?? d ?? '');
      return r.kind === 'value' ? `{{ ${r.expression} }}` : UNSUBSCRIBE_URL;
    });
    const escaped = quote === '"' ? format.replace(/"/g, '&quot;') : format.replace(/'/g, '&#39;');
    return `${space}t-attf-${name}${eq}${quote}${escaped}${quote}`;
  });
}

/** Reads one Handlebars expression: a plain path, SendGrid's `insert` helper, or anything else (unmapped). */
function resolve(raw: string): Resolved {
  const expression = raw.trim();
  const insert = /^insert\s+([A-Za-z0-9_.]+)(?:\s+(?:"default=([^"]*)"|'default=([^']*)'))?$/.exec(expression);
  const path = insert ? insert[1]! : expression;
  if (!/^[A-Za-z0-9_.]+$/.test(path)) return { kind: 'unmapped', field: expression };
  const key = path.toLowerCase();
  if (UNSUBSCRIBE_FIELDS.has(key)) return { kind: 'unsubscribe', field: path };
  const odoo = VALUE_FIELDS[key];
  if (!odoo) return { kind: 'unmapped', field: path };
  const fallback = insert ? (insert[2] ?? insert[3]) : undefined;
  return {
    kind: 'value',
    field: path,
    expression: fallback === undefined ? odoo : `${odoo} or ${pythonString(fallback)}`,
  };
}

function pythonString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
