import { userError } from '../errors';
import type { DeliveryOutcome, OutgoingMail } from '../types';
import type { ModelSpec } from './model';
import { ModelStore } from './store';
import type { Context, FieldDef, Rec, StoredValue } from './types';

/** Services the models need from the peer around them (clock, randomness, queue trigger). */
export interface PeerServices {
  now: () => Date;
  random: () => number;
  /** Called when a mailing is put in queue (Odoo's ir.cron trigger). */
  triggerQueue: () => void;
  /** Called after every change, so persistence can schedule a save. */
  changed: () => void;
  baseUrl: () => string;
  version: string;
  /** Runs one of the peer's crons now (ir.cron.method_direct_trigger, odoo18-wire/167, 186). */
  runCron: (cron: 'mass_mailing' | 'mail_queue' | 'ab_testing') => Promise<void>;
  /** Why an outgoing mail server cannot be reached, or null when it can (odoo18-wire/191, 193). */
  probeMailServer: (server: Rec) => Promise<string | null>;
  /** mail.mail.send(): hands mails to the peer's outgoing server now, outside the queue (the test wizard). */
  deliverNow: (mails: OutgoingMail[]) => Promise<DeliveryOutcome[]>;
}

/** Wraps every create and write (base_automation patches them when installed); `save` does the work. */
export type SaveHook = (env: Env, model: string, kind: 'create' | 'write', ids: number[], save: () => number[]) => number[];

/** All models of the one database the peer serves. */
export class Database {
  readonly stores = new Map<string, ModelStore>();
  saveHook: SaveHook | null = null;

  constructor(readonly name: string, readonly services: PeerServices) {}

  register(spec: ModelSpec): ModelStore {
    const store = new ModelStore(spec);
    this.stores.set(spec.name, store);
    return store;
  }

  has(model: string): boolean {
    return this.stores.has(model);
  }

  /**
   * Runs `work` as one transaction: when it throws, every change it made is undone, as PostgreSQL
   * rolls back the request's transaction in Odoo. Synchronous, so no other request interleaves;
   * a transaction inside another is part of it.
   */
  transaction<T>(work: () => T): T {
    if (this.undo) return work();
    const undo: (() => void)[] = [];
    const journal = (on: boolean): void => {
      this.undo = on ? undo : null;
      for (const store of this.stores.values()) store.journal = on ? undo : null;
    };
    journal(true);
    try {
      return work();
    } catch (error) {
      journal(false);
      for (const step of undo.reverse()) step();
      throw error;
    } finally {
      journal(false);
    }
  }

  private undo: (() => void)[] | null = null;

  /** The store of `model`, or Odoo's error for an unknown one (odoo18-wire/085). */
  store(model: string): ModelStore {
    const store = this.stores.get(model);
    if (!store) throw userError(`Object ${model} doesn't exist`);
    return store;
  }
}

/** The `self.env` of a call: database, user and context. */
export class Env {
  /** Per-call cache for expensive computes (statistics, recipient counts). */
  readonly memo = new Map<string, unknown>();

  constructor(
    readonly db: Database,
    readonly uid: number,
    readonly context: Context = {},
    /** The model a method runs on (Odoo's `self._name`). */
    readonly model: string = '',
  ) {}

  forModel(model: string): Env {
    return new Env(this.db, this.uid, this.context, model);
  }

  get services(): PeerServices {
    return this.db.services;
  }

  withContext(extra: Context): Env {
    return new Env(this.db, this.uid, { ...this.context, ...extra }, this.model);
  }

  sudo(): Env {
    return new Env(this.db, 1, this.context, this.model);
  }

  store(model: string): ModelStore {
    return this.db.store(model);
  }

  browse(model: string, id: number): Rec | undefined {
    return this.db.store(model).records.get(id);
  }

  field(model: string, name: string): FieldDef | undefined {
    return this.db.store(model).fields.get(name);
  }

  /** A field's value in stored form: scalars, many2one id or null, x2many ordered id lists. */
  value(model: string, rec: Rec, name: string): StoredValue {
    const store = this.db.store(model);
    const spec = store.spec;
    if (name === 'id') return rec.id;
    if (name === 'display_name') return this.displayName(model, rec);
    const compute = spec.computes?.[name];
    if (compute) return compute(this, rec);
    const def = store.fields.get(name);
    if (!def) return null;
    if (def.type === 'one2many' && def.relation && def.inverse) {
      const ids = this.db.store(def.relation).lookup(def.inverse, rec.id);
      return ids ? this.sortIds(def.relation, [...ids]) : [];
    }
    if (def.type === 'many2many') {
      const ids = (rec[name] as number[] | undefined) ?? [];
      return def.relation && ids.length > 1 ? this.sortIds(def.relation, ids) : [...ids];
    }
    const v = rec[name];
    return v === undefined ? null : v;
  }

  /** Related ids without ordering: what domain matching needs, at a fraction of the cost. */
  relatedIds(model: string, rec: Rec, name: string): number[] {
    const store = this.db.store(model);
    const fast = store.spec.relatedIds?.[name];
    if (fast) return fast(this, rec);
    const def = store.fields.get(name);
    if (def && !store.spec.computes?.[name]) {
      if (def.type === 'many2many') return (rec[name] as number[] | undefined) ?? [];
      if (def.type === 'many2one') return typeof rec[name] === 'number' ? [rec[name] as number] : [];
      if (def.type === 'one2many' && def.relation && def.inverse) return [...(this.db.store(def.relation).lookup(def.inverse, rec.id) ?? [])];
    }
    const v = this.value(model, rec, name);
    return Array.isArray(v) ? v : typeof v === 'number' ? [v] : [];
  }

  displayName(model: string, rec: Rec): string {
    const spec = this.db.store(model).spec;
    if (spec.displayName) return spec.displayName(this, rec);
    const name = rec[spec.recName ?? 'name'];
    return typeof name === 'string' ? name : `${model},${rec.id}`;
  }

  /** Sorts ids by an Odoo order clause (default: the model's `_order`), like PostgreSQL would. */
  sortIds(model: string, ids: number[], order?: string | null, depth = 0): number[] {
    const store = this.db.store(model);
    const terms = parseOrder(order || store.spec.order);
    if (ids.length < 2) return [...ids];
    if (terms.length === 1 && terms[0]?.field === 'id') {
      return [...ids].sort((a, b) => (terms[0]?.desc ? b - a : a - b));
    }
    const keyed = terms.map((t) => ({ desc: t.desc, ...collationKeys(this.orderKeys(model, ids, t.field, depth)) }));
    const positions = ids.map((_, i) => i);
    positions.sort((i, j) => {
      for (const t of keyed) {
        const c = t.plain ? comparePlain(t.keys[i], t.keys[j], t.desc) : compareNullable(t.keys[i], t.keys[j], t.desc);
        if (c !== 0) return c;
      }
      return 0;
    });
    return positions.map((i) => ids[i] as number);
  }

  private orderKeys(model: string, ids: number[], fieldName: string, depth: number): (string | number | null)[] {
    const store = this.db.store(model);
    const def = store.fields.get(fieldName);
    if (fieldName !== 'id' && !def) throw new Error(`Invalid order field ${fieldName}`);
    const raw = ids.map((id) => {
      const rec = store.records.get(id);
      return rec ? this.value(model, rec, fieldName) : null;
    });
    if (def?.type === 'many2one' && def.relation && depth < 2) {
      // Odoo orders a many2one by the comodel's own _order (odoo18-wire/041: subscription_ids).
      const targets = [...new Set(raw.filter((v): v is number => typeof v === 'number'))];
      const ranked = this.sortIds(def.relation, targets, null, depth + 1);
      const rank = new Map(ranked.map((id, i) => [id, i]));
      return raw.map((v) => (typeof v === 'number' ? (rank.get(v) ?? null) : null));
    }
    return raw.map((v) => (v === null || v === false || v === undefined || Array.isArray(v) ? (v === false && def?.type === 'boolean' ? 0 : null) : v === true ? 1 : v));
  }
}

const collator = new Intl.Collator('en', { sensitivity: 'variant', numeric: false });

/** PostgreSQL's en_US order, cheaply: ASCII text compares case-insensitively, the rest through Intl. */
export function compareText(a: string, b: string): number {
  if (/^[\x20-\x7e]*$/.test(a) && /^[\x20-\x7e]*$/.test(b)) {
    const la = a.toLowerCase();
    const lb = b.toLowerCase();
    if (la !== lb) return la < lb ? -1 : 1;
    return a < b ? 1 : a > b ? -1 : 0; // lower case first, as en_US does
  }
  return collator.compare(a, b);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** compareText's order as a string that plain `<` sorts the same way: lower case, then swapped case as tie-break. */
export function asciiCollationKey(text: string): string {
  let swapped = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    swapped += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c >= 97 && c <= 122 ? c - 32 : c);
  }
  return `${text.toLowerCase()}\u0000${swapped}`;
}

/**
 * Keys computed once per sort instead of per comparison: when every text is printable ASCII (the
 * usual case) texts become collation keys and the sort compares them with `<`; otherwise the
 * collator comparison stays.
 */
function collationKeys(keys: (string | number | null)[]): { keys: (string | number | null)[]; plain: boolean } {
  for (const k of keys) if (typeof k === 'string' && !PRINTABLE_ASCII.test(k)) return { keys, plain: false };
  return { keys: keys.map((k) => (typeof k === 'string' ? asciiCollationKey(k) : k)), plain: true };
}

function comparePlain(a: string | number | null | undefined, b: string | number | null | undefined, desc: boolean): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an && bn ? 0 : an ? (desc ? -1 : 1) : desc ? 1 : -1;
  const c = a < b ? -1 : a > b ? 1 : 0;
  return desc ? -c : c;
}

function compareNullable(a: string | number | null | undefined, b: string | number | null | undefined, desc: boolean): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  // PostgreSQL: NULLS LAST ascending, NULLS FIRST descending.
  if (an || bn) return an && bn ? 0 : an ? (desc ? -1 : 1) : desc ? 1 : -1;
  const c = typeof a === 'string' && typeof b === 'string' ? compareText(a, b) : a < b ? -1 : a > b ? 1 : 0;
  return desc ? -c : c;
}

export interface OrderTerm {
  field: string;
  desc: boolean;
}

export function parseOrder(order: string): OrderTerm[] {
  return order
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [field = '', dir = 'asc'] = part.split(/\s+/);
      return { field, desc: dir.toLowerCase() === 'desc' };
    });
}
