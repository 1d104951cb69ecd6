/**
 * Odoo's AccessError says exactly what was refused, and (for access rights) which groups would be
 * allowed; a store owner's administrator needs those words, in the form Odoo's Settings → Users
 * shows them, not "access denied".
 *
 * Two texts exist (odoo/addons/base/models/ir_model.py and ir_rule.py, recorded in odoo18-wire/096,
 * 097 and odoo19-json2-wire/116, 117, 118, 191):
 * - access rights: "You are not allowed to {access|create|modify|delete} '{Model name}' ({model})
 *   records.\n\nThis operation is allowed for the following groups:\n\t- Email Marketing/User\n…"
 *   (or "No group currently allows this operation.");
 * - record rules: "Uh-oh! … Sorry, {user} (id=N) doesn't have '{read|write|create|unlink}' access
 *   to:\n- {Model name} ({model})…" (or "- {Model name}, {record} ({model}: id)" with Technical Features).
 */

export type AccessOperation = 'read' | 'create' | 'write' | 'unlink';

export interface AccessRefusal {
  kind: 'rights' | 'rules';
  operation: AccessOperation;
  model: string;
  /** Odoo's own name for the model ("Mailing List"). */
  modelName: string;
  /** The groups Odoo names, written as its Settings shows them ("Email Marketing / User"). */
  groups: string[];
}

const RIGHTS_VERB: Record<string, AccessOperation> = { access: 'read', create: 'create', modify: 'write', delete: 'unlink' };
const RULE_VERB: Record<string, AccessOperation> = { read: 'read', create: 'create', write: 'write', unlink: 'unlink' };
const WORDS: Record<AccessOperation, string> = { read: 'see', create: 'create', write: 'change', unlink: 'delete' };

/** "Email Marketing/User" as Settings → Users shows it: "Email Marketing / User". */
export function groupLabel(group: string): string {
  return group.split('/').map((part) => part.trim()).filter(Boolean).join(' / ');
}

export function parseAccessError(message: string): AccessRefusal | undefined {
  const rights = /You are not allowed to (access|create|modify|delete) '([^']+)' \(([\w.]+)\) records\./.exec(message);
  if (rights) {
    const listed = /allowed for the following groups:\n((?:[ \t]*- [^\n]+\n?)+)/.exec(message)?.[1] ?? '';
    const groups = listed.split('\n').map((line) => line.replace(/^\s*-\s*/, '').trim()).filter(Boolean).map(groupLabel);
    return { kind: 'rights', operation: RIGHTS_VERB[rights[1]!]!, modelName: rights[2]!, model: rights[3]!, groups };
  }
  const rule = /doesn't have '(read|create|write|unlink)' access to:\n- ([^\n(,]+?)(?:,[^\n]*)? \(([\w.]+)(?::[^)]*)?\)/.exec(message);
  if (rule) return { kind: 'rules', operation: RULE_VERB[rule[1]!]!, modelName: rule[2]!.trim(), model: rule[3]!, groups: [] };
  return undefined;
}

function quoteList(groups: readonly string[]): string {
  const quoted = groups.map((g) => `"${g}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]!}`;
}

/** The sentence a store owner can hand to whoever runs the Odoo. */
export function accessSentence(refusal: AccessRefusal | undefined, odooFirstLine: string): string {
  if (!refusal) {
    return `Odoo refused this for lack of rights: "${odooFirstLine}" Ask your Odoo administrator for access.`;
  }
  const what = `${WORDS[refusal.operation]} ${refusal.modelName} records (${refusal.model})`;
  if (refusal.kind === 'rules') {
    return `Odoo's record rules do not let your user ${what}: they may belong to another store. Ask your Odoo administrator if you should have access to them.`;
  }
  if (refusal.groups.length === 0) {
    return `Your Odoo user may not ${what}, and no group in this Odoo allows it. Ask your Odoo administrator.`;
  }
  const which = refusal.groups.length === 1 ? 'the group' : 'one of the groups';
  return `Your Odoo user may not ${what}. Ask your Odoo administrator to give your user ${which} ${quoteList(refusal.groups)} (Odoo: Settings → Users).`;
}
