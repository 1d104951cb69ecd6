import { accessError } from '../errors';
import { parseDomain, type DomainNode } from './domain';
import type { Env } from './env';
import { userGroupIds } from './groups';
import { evalRuleDomain, ruleContext } from './rule-eval';
import { compileDomain } from './search-plan';
import type { Rec } from './types';

/**
 * Record rules as Odoo applies them (odoo/addons/base/models/ir_rule.py): the active ir.rule
 * records of a model whose perm_<mode> is set; a rule without groups is global, one with groups
 * applies to users in one of them (implied groups count). _compute_domain: group rules are OR-ed
 * together, then AND-ed with every global rule; the superuser has no rules.
 */
export type RuleMode = 'read' | 'write' | 'create' | 'unlink';

interface AppliedRule {
  id: number;
  name: string;
  global: boolean;
  domain: DomainNode;
}

const SUPERUSER_ID = 1;

/** The rules of `model` for `mode` that apply to env's user (_get_rules filtered by the user's groups). */
function appliedRules(env: Env, model: string, mode: RuleMode): AppliedRule[] {
  if (env.uid === SUPERUSER_ID || !env.db.has('ir.rule')) return [];
  const key = `rules:${model}:${mode}`;
  const cached = env.memo.get(key);
  if (cached) return cached as AppliedRule[];
  const rules = env.db.store('ir.rule');
  const irModel = env.db.store('ir.model');
  const [modelId] = irModel.lookup('model', model) ?? [];
  const groups = userGroupIds(env, env.uid);
  const context = ruleContext(env);
  const out: AppliedRule[] = [];
  if (modelId !== undefined) {
    const ids = [...(rules.lookup('model_id', modelId) ?? [])].sort((a, b) => a - b);
    for (const id of ids) {
      const rule = rules.records.get(id) as Rec;
      if (rule.active === false || rule[`perm_${mode}`] === false) continue;
      const ruleGroups = (rule.groups as number[] | undefined) ?? [];
      if (ruleGroups.length && !ruleGroups.some((g) => groups.has(g))) continue;
      const text = typeof rule.domain_force === 'string' ? rule.domain_force.trim() : '';
      const domain = text ? parseDomain(evalRuleDomain(env, text, context)) : ({ kind: 'const', value: true } as const);
      out.push({ id, name: typeof rule.name === 'string' ? rule.name : '', global: ruleGroups.length === 0, domain });
    }
  }
  env.memo.set(key, out);
  return out;
}

function combine(rules: AppliedRule[]): DomainNode | null {
  if (!rules.length) return null;
  const globals = rules.filter((r) => r.global).map((r) => r.domain);
  const local = rules.filter((r) => !r.global).map((r) => r.domain);
  const parts = local.length ? [...globals, { kind: 'or' as const, children: local }] : globals;
  return parts.length === 1 ? (parts[0] as DomainNode) : { kind: 'and', children: parts };
}

/** ir.rule._compute_domain: null when no rule restricts the user. */
export function ruleDomain(env: Env, model: string, mode: RuleMode): DomainNode | null {
  return combine(appliedRules(env, model, mode));
}

/** `node` restricted to the records the user may read (what _search adds to every query). */
export function withReadRules(env: Env, model: string, node: DomainNode): DomainNode {
  const rules = ruleDomain(env, model, 'read');
  const own = env.store(model).spec.access?.searchDomain(env) ?? null;
  const parts = [node, rules, own].filter((part): part is DomainNode => part !== null);
  return parts.length === 1 ? node : { kind: 'and', children: parts };
}

/**
 * _check_access for record rules: every record must satisfy the rules for `mode`, else Odoo's
 * AccessError built by _make_access_error. The records are matched as the superuser sees them
 * (self.sudo().filtered_domain(domain)).
 */
export function checkRecordRules(env: Env, model: string, recs: Rec[], mode: RuleMode): void {
  env.store(model).spec.access?.check(env, recs, mode);
  const rules = appliedRules(env, model, mode);
  const domain = combine(rules);
  if (!domain || !recs.length) return;
  const sudo = env.sudo();
  const allowed = compileDomain(sudo, model, domain);
  const forbidden = recs.filter((rec) => !allowed(rec));
  if (forbidden.length) throw makeAccessError(env, model, mode, forbidden, rules);
}

/**
 * ir.rule._make_access_error: the short text for users without "Technical Features"
 * (base.group_no_one); with it, the records and the failing rules (_get_failing: the group rules
 * as one, and each global rule that filters out a record).
 */
function makeAccessError(env: Env, model: string, mode: RuleMode, forbidden: Rec[], rules: AppliedRule[]) {
  const user = env.db.store('res.users').records.get(env.uid);
  const irModel = env.db.store('ir.model');
  const [modelId] = irModel.lookup('model', model) ?? [];
  const description = (modelId !== undefined ? (irModel.records.get(modelId)?.name as string | undefined) : undefined) ?? model;
  const operationError = `Uh-oh! Looks like you have stumbled upon some top-secret records.\n\nSorry, ${String(user?.name ?? '')} (id=${env.uid}) doesn't have '${mode}' access to:`;
  const resolution = 'If you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.';
  const technical = userGroupIds(env, env.uid).has(5) && user?.share !== true;
  if (!technical) return accessError(`${operationError}\n- ${description} (${model})\n\n${resolution}`);
  const sudo = env.sudo();
  const failing = (domain: DomainNode): boolean => {
    const test = compileDomain(sudo, model, domain);
    return forbidden.some((rec) => !test(rec));
  };
  const local = rules.filter((r) => !r.global);
  const failingIds = new Set<number>();
  if (local.length && failing({ kind: 'or', children: local.map((r) => r.domain) })) local.forEach((r) => failingIds.add(r.id));
  for (const r of rules) if (r.global && failing(r.domain)) failingIds.add(r.id);
  const records = forbidden.slice(0, 6).map((rec) => `- ${description}, ${sudo.displayName(model, rec)} (${model}: ${rec.id})`).join('\n');
  const blamed = rules.filter((r) => failingIds.has(r.id)).map((r) => `- ${r.name}`).join('\n');
  return accessError(`${operationError}\n${records}\n\nBlame the following rules:\n${blamed}\n\n${resolution}`);
}
