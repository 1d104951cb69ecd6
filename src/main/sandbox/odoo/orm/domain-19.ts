import { attributeError, typeError, valueError } from '../errors';
import { pyRepr, pyTupleRepr } from './pyrepr';

/** Python's type name of a JSON value, as an AttributeError about it says. */
function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return Array.isArray(value) ? 'list' : 'dict';
}

/**
 * Refuses a domain the way Odoo 19's Domain() does (odoo/orm/domains.py), before any field is
 * looked at: it reads the list from its end, so of two bad items the later one is named; a
 * condition's operator must be known ("Invalid operator in condition ('name', 'likeish', 'x')",
 * odoo19-json2-wire/115); an operator or item missing operands makes the domain "malformed".
 * Odoo 18 words these differently ("Invalid leaf …", odoo18-wire), which parseDomain keeps.
 * `operators` are the ones the peer evaluates (19 also knows =?, ==, child_of and parent_of).
 */
export function checkDomain19(domain: unknown, operators: ReadonlySet<string>): void {
  if (domain === undefined || domain === null || domain === false || domain === true) return;
  if (!Array.isArray(domain)) throw typeError(`Domain() invalid argument type for domain: ${pyRepr(domain)}`);
  let stack = 0;
  for (const item of [...domain].reverse()) {
    if (Array.isArray(item) && item.length === 3) {
      checkCondition(item as [unknown, unknown, unknown], operators);
      stack++;
    } else if (item === '&' || item === '|') {
      if (stack < 2) throw valueError(`Domain() malformed domain ${pyRepr(domain)}`);
      stack--;
    } else if (item === '!') {
      if (stack < 1) throw valueError(`Domain() malformed domain ${pyRepr(domain)}`);
    } else {
      throw valueError(`Domain() invalid item in domain: ${pyRepr(item)}`);
    }
  }
}

/** Domain(field, operator, value): DomainCondition.checked(), or the TRUE/FALSE leaves. */
function checkCondition([left, op, right]: [unknown, unknown, unknown], operators: ReadonlySet<string>): void {
  if (typeof left !== 'string') {
    // Python compares the tuple to (1, '=', 1) and (0, '=', 1); True and False equal 1 and 0 there.
    if ((left === 1 || left === 0 || typeof left === 'boolean') && op === '=' && right === 1) return;
    throw typeError(`Domain() invalid arguments: ${pyTupleRepr([left, op, right])}`);
  }
  if (!left) throw typeError(`Empty field name in condition ${pyTupleRepr([left, op, right])}`);
  if (typeof op !== 'string') throw attributeError(`'${pyTypeName(op)}' object has no attribute 'lower'`);
  const lower = op.toLowerCase();
  if (!operators.has(lower)) throw valueError(`Invalid operator in condition ${pyTupleRepr([left, lower, right])}`);
}
