import type { Rec } from './orm/types';

/**
 * How Odoo renders a mailing's body_html for one recipient, for the placeholders mailings carry.
 *
 * body_html is `fields.Html(render_engine='qweb')` (addons/mass_mailing/models/mailing.py);
 * mail.render.mixin._render_template_qweb renders it with the recipient as `object`:
 * - a body whose t-out expressions are all in mail_allowed_qweb_expressions() ("object.name",
 *   "object.contact_name", ...) and that has no other directive is rendered by
 *   _render_template_qweb_regex: `value = record.field or default` (default: the element's text),
 *   `escape(value or '')`, the value alone for a <t>, `<tag>value</tag>` otherwise;
 * - any other body goes through QWeb itself: t-out prints the escaped value, or the element's
 *   default content when the value is None or False (ir_qweb _compile_directive_out); t-if /
 *   t-elif / t-else keep the first branch whose expression is truthy.
 * This peer evaluates the expressions mailings use: `object.<field>`, optionally `or '<text>'`,
 * and `not object.<field>` in conditions. Anything else is left as written.
 */

const ALLOWED_REGEX_MODE = new Set(['object.name', 'object.contact_name', 'object.partner_id', 'object.partner_id.name', 'object.user_id', 'object.user_id.name', 'object.user_id.signature']);
// _render_template_qweb_regex's own pattern, in JavaScript.
const REGEX_MODE = /<(\w+)[\s|\n]+t-out=[\s|\n]*('|")((\w|\.)+)(\2)[\s|\n]*((\/>)|(>[\s|\n]*([^<>]*?))[\s|\n]*<\/\1>)/g;
const T_OUT = /<(\w+)(\s[^<>]*?)?\st-out="([^"]*)"([^<>]*?)(?:\/>|>([^<>]*?)<\/\1>)/g;
const CONDITIONAL = /<t t-if="([^"]*)">([\s\S]*?)<\/t>((?:\s*<t t-elif="[^"]*">[\s\S]*?<\/t>)*)(?:\s*<t t-else="[^"]*">([\s\S]*?)<\/t>)?/g;

type Value = string | number | boolean | null;

export function escapeQweb(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

/** The field of `object.<field>` on the recipient; a field it does not have is False, as in Odoo. */
function field(recipient: Rec, path: string): Value {
  const [, name, ...rest] = path.split('.');
  if (!name || rest.length > 0) return null;
  const value = recipient[name];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

const truthy = (v: Value): boolean => v !== null && v !== false && v !== '' && v !== 0;

/** `object.x`, `object.x or 'text'`, `not object.x`; undefined when the peer cannot evaluate it. */
function evaluate(expression: string, recipient: Rec): Value | undefined {
  const expr = expression.trim();
  const negated = /^not\s+(object(?:\.\w+)+)$/.exec(expr);
  if (negated) return !truthy(field(recipient, negated[1]!));
  const m = /^(object(?:\.\w+)+)(?:\s+or\s+'((?:[^'\\]|\\.)*)')?$/.exec(expr);
  if (!m) return undefined;
  const value = field(recipient, m[1]!);
  if (m[2] !== undefined && !truthy(value)) return m[2].replace(/\\(.)/g, '$1');
  return value;
}

function regexModeApplies(html: string): boolean {
  const expressions = [...html.matchAll(/t-out="([^"]*)"/g)].map((m) => m[1]!.trim());
  return !/\st-(?!out=)[\w-]+=/.test(html) && expressions.every((e) => ALLOWED_REGEX_MODE.has(e));
}

export function renderQwebBody(html: string, recipient: Rec): string {
  if (regexModeApplies(html)) {
    return html.replace(REGEX_MODE, (_m, tag: string, _q, expr: string, _c, _e, _end, _self, _open, fallback?: string) => {
      const value = field(recipient, expr);
      const out = escapeQweb(String(truthy(value) ? value : (fallback ?? '')));
      return tag.toLowerCase() === 't' ? out : `<${tag}>${out}</${tag}>`;
    });
  }
  const withBranches = html.replace(CONDITIONAL, (whole, condition: string, then: string, elifs: string, otherwise?: string) => {
    const branches: [string, string][] = [[condition, then], ...[...elifs.matchAll(/<t t-elif="([^"]*)">([\s\S]*?)<\/t>/g)].map((m): [string, string] => [m[1]!, m[2]!])];
    for (const [expr, body] of branches) {
      const value = evaluate(expr, recipient);
      if (value === undefined) return whole;
      if (truthy(value)) return body;
    }
    return otherwise ?? '';
  });
  return withBranches.replace(T_OUT, (whole, tag: string, before: string | undefined, expr: string, after: string, fallback?: string) => {
    const value = evaluate(expr, recipient);
    if (value === undefined) return whole;
    const out = value === null || value === false ? (fallback ?? '') : escapeQweb(String(value));
    return tag.toLowerCase() === 't' ? out : `<${tag}${before ?? ''}${after}>${out}</${tag}>`;
  });
}
