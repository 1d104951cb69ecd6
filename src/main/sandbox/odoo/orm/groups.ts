import type { Env } from './env';

/** The user's groups field of this version (groups_id up to 18.0, group_ids from 19.0). */
export function userGroupsField(env: Env): 'groups_id' | 'group_ids' {
  return env.field('res.users', 'group_ids') ? 'group_ids' : 'groups_id';
}

/**
 * A user's groups with every group they imply, transitively (Odoo 18 stores this closure in
 * groups_id when groups are written; Odoo 19 computes it as all_group_ids: res_users.py).
 */
export function userGroupIds(env: Env, uid: number): Set<number> {
  const key = `groups:${uid}`;
  const cached = env.memo.get(key);
  if (cached instanceof Set) return cached as Set<number>;
  const user = env.db.store('res.users').records.get(uid);
  const out = impliedClosure(env, (user?.[userGroupsField(env)] as number[] | undefined) ?? []);
  env.memo.set(key, out);
  return out;
}

export function impliedClosure(env: Env, start: number[]): Set<number> {
  const groups = env.db.store('res.groups').records;
  const out = new Set<number>();
  const todo = [...start];
  while (todo.length) {
    const id = todo.pop() as number;
    if (out.has(id)) continue;
    out.add(id);
    for (const implied of (groups.get(id)?.implied_ids as number[] | undefined) ?? []) todo.push(implied);
  }
  return out;
}
