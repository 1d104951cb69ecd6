import type { Context, FieldDef, Rec, StoredValue } from './types';
import type { Env } from './env';
import type { IdSet } from './id-set';

/** A public method callable over RPC. `records` methods receive the ids as first argument. */
export interface MethodSpec {
  kind: 'model' | 'records';
  /** Python parameter names after `self`, to bind positional args and kwargs alike. */
  params: string[];
  /** Rights needed: portal users fail with AccessError on everything except 'none'. */
  run: (env: Env, ids: number[], args: Record<string, unknown>) => unknown | Promise<unknown>;
  /** The first Odoo major version that has the method (formatted_read_group: 19). */
  sinceVersion?: number;
  /** The parameter names from Odoo 19, where 19 renamed them (default_get's fields_list is fields there). */
  params19?: string[];
  /**
   * How many leading params have no default in Python. JSON-2 binds the body with inspect.signature,
   * so leaving one out is a 422 before the method runs (odoo19-json2-wire/022, 105).
   */
  required?: number;
  /** The method takes **kwargs: unknown names bind and reach the method (search_read's **read_kwargs, 106). */
  varKeywords?: boolean;
  /**
   * The trailing params Python declares after a bare `*`: they bind by name only, so a call giving
   * one positionally is a TypeError (formatted_read_grouping_sets' `order`). With it, `required` is exact.
   */
  keywordOnly?: number;
}

export interface ModelSpec {
  name: string;
  description: string;
  /** Odoo's `_order`, e.g. "name asc, id desc". */
  order: string;
  recName?: string;
  fields: FieldDef[];
  /** Char fields to index for `=`/`in` lookups (many2one/many2many are always indexed). */
  indexed?: string[];
  defaults?: Record<string, (env: Env) => StoredValue>;
  /** Non-stored computed fields: the stored form (ids for relations). */
  computes?: Record<string, (env: Env, rec: Rec) => StoredValue>;
  displayName?: (env: Env, rec: Rec) => string;
  /** Custom writers for fields whose storage lives elsewhere (e.g. list_ids via subscriptions). */
  writers?: Record<string, (env: Env, rec: Rec, value: unknown) => void>;
  /** Unordered related ids of computed relational fields, for domain matching (reads sort them). */
  relatedIds?: Record<string, (env: Env, rec: Rec) => number[]>;
  /** Index lookups for computed relational fields (ids whose field contains one of `values`). */
  searchIndex?: Record<string, (env: Env, values: number[]) => IdSet>;
  /** [key, value] many2one pairs kept as key -> value ids, like a many2many relation table (list_id -> contact_id). */
  pairIndexes?: [string, string][];
  methods?: Record<string, MethodSpec>;
  /** Validates or completes values before a create (after defaults). */
  beforeCreate?: (env: Env, vals: Record<string, unknown>) => void;
  afterCreate?: (env: Env, rec: Rec, vals: Record<string, unknown>) => void;
  beforeWrite?: (env: Env, recs: Rec[], vals: Record<string, unknown>) => void;
  afterWrite?: (env: Env, recs: Rec[], vals: Record<string, unknown>) => void;
  beforeUnlink?: (env: Env, recs: Rec[]) => void;
  /** Values a copy overrides (Odoo's copy(default=...)). */
  copyOverrides?: (env: Env, rec: Rec) => Record<string, unknown>;
  /**
   * A model's own access checks beyond ir.rule (ir.attachment's _check_access and _search, which
   * follow the record a file hangs on): run wherever record rules are.
   */
  access?: {
    check: (env: Env, recs: Rec[], mode: 'read' | 'write' | 'create' | 'unlink') => void;
    /** What every search of the model is restricted to; null for no restriction. */
    searchDomain: (env: Env) => import('./domain').DomainNode | null;
  };
  /** Groups allowed to read/write: rights-less users get AccessError (odoo18-wire/096). */
  rights?: { readGroups: string[]; writeGroups: string[] };
}

export type Computes = Record<string, (env: Env, rec: Rec, ctx: Context) => StoredValue>;
