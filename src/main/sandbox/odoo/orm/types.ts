/** Shared shapes of the peer's in-memory ORM. */
export type FieldType =
  | 'char' | 'text' | 'html' | 'integer' | 'float' | 'monetary' | 'boolean' | 'date' | 'datetime'
  | 'selection' | 'many2one' | 'one2many' | 'many2many' | 'many2one_reference' | 'binary' | 'json' | 'properties';

/** What a record stores: scalars, a many2one id, or an id list for stored many2many. */
export type StoredValue = string | number | boolean | null | number[];
export type Rec = { id: number } & Record<string, StoredValue | undefined>;

export type Context = Record<string, unknown>;

export interface FieldDef {
  name: string;
  string: string;
  type: FieldType;
  required: boolean;
  readonly: boolean;
  relation?: string;
  selection?: [string, string][];
  /** one2many: the many2one on the comodel that points back. */
  inverse?: string;
  /** false for computed, non-stored fields (fields_get "store"). */
  store: boolean;
  /** custom field created through ir.model.fields (state "manual"). */
  manual: boolean;
  help?: string;
  index?: boolean;
  copy?: boolean;
  /** false for a computed field with no search method (fields_get "searchable"). */
  searchable?: boolean;
}

/** A domain leaf or operator as it arrives on the wire. */
export type DomainItem = string | [string, string, unknown] | unknown[];
export type Domain = DomainItem[];
