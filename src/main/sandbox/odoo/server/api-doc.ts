import { createHash } from 'node:crypto';
import catalog from '../schema/odoo19-api-doc.json';
import { accessError, notFound } from '../errors';
import { userGroupIds } from '../orm/groups';
import { Env, type Database } from '../orm/env';
import { describeField19 } from '../orm/fields-get';
import type { FieldDef } from '../orm/types';
import type { WireValue } from '../orm/values';
import { GROUP_XMLIDS } from '../models/security';
import { checkRights } from './dispatch';

/**
 * Odoo 19's api_doc module (auto-installed; addons/api_doc/controllers/api_doc.py doc_model):
 * /doc-bearer/<model>.json documents a model for JSON-2 callers: its fields as fields_get() gives
 * them with every attribute plus the module that introduced each, and its public methods with their
 * signatures, parameters and docstrings, grouped by the class that introduced each method.
 *
 * What Odoo reflects from its Python classes the peer cannot: the method descriptions and the field
 * attributes fields_get adds (depends, groupable, exportable, module…) are packaged from the
 * recordings of a real 19 (odoo19-json2-wire/230-236, schema/odoo19-api-doc.json). The field set
 * itself is the peer's own, so fields setup adds (x_…) are documented too.
 */
type MethodDoc = Record<string, WireValue>;
type FieldExtras = Record<string, WireValue>;
interface ModelDoc {
  name: string;
  mixins: string[];
  fields: Record<string, FieldExtras>;
}
const CATALOG = catalog as unknown as { base_classes: string[]; classes: Record<string, Record<string, MethodDoc>>; models: Record<string, ModelDoc> };

/** api_doc's group "Technical Documentation": the superuser is in it and Settings implies it (security/res_groups.xml). */
function isTechnicalDocumentationUser(env: Env): boolean {
  return env.uid === 1 || userGroupIds(env, env.uid).has(GROUP_XMLIDS['base.group_system']);
}

/** One field as doc_model lists it: dict(field, module=…) over fields_get()'s full description. */
function documentField(modelName: string, def: FieldDef): Record<string, WireValue> {
  const module = CATALOG.models[modelName]?.fields[def.name]?.module;
  return { ...describeField19(modelName, def), module: module ?? null };
}

/** A method's description with the class that introduced it, as _doc_method names it ("core" for Python's own). */
function documentMethods(modelName: string): Record<string, WireValue> {
  const classes = [...CATALOG.base_classes, ...(CATALOG.models[modelName]?.mixins ?? [])];
  const out: Record<string, WireValue> = {};
  for (const key of classes) {
    const [model, module] = key.split(' ') as [string, string];
    for (const [name, doc] of Object.entries(CATALOG.classes[key] ?? {})) out[name] = { ...doc, model, module };
  }
  // dir(Model) is sorted: the document lists methods alphabetically.
  return Object.fromEntries(Object.keys(out).sort().map((name) => [name, out[name] as WireValue]));
}

export interface ApiDocAnswer {
  body: Record<string, WireValue>;
  etag: string;
}

/**
 * doc_model(model_name): refused with AccessError outside "Technical Documentation"
 * (odoo19-json2-wire/237, a portal key), NotFound for a model the registry lacks, then the model's
 * read right (Model.check_access('read')). The ETag stands for what the answer depends on: the
 * registry (here the version and field set), the language and the user's groups.
 */
export function documentModel(db: Database, uid: number, modelName: string): ApiDocAnswer {
  const env = new Env(db, uid, {}, modelName);
  if (!isTechnicalDocumentationUser(env)) throw accessError('This page is only accessible to Technical Documentation users.');
  if (!db.has(modelName)) throw notFound('The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.');
  checkRights(db, uid, modelName, 'read');
  const store = db.store(modelName);
  const fields = Object.fromEntries([...store.fields.values()].map((def) => [def.name, documentField(modelName, def) as WireValue]));
  const body: Record<string, WireValue> = {
    model: modelName,
    name: CATALOG.models[modelName]?.name ?? store.spec.description,
    // api_doc leaves the model's docstring out: Odoo's controller sends 'doc' as None for every model.
    doc: null,
    fields,
    methods: documentMethods(modelName),
  };
  const groups = [...userGroupIds(env, uid)].sort((a, b) => a - b);
  const etag = createHash('sha256').update(JSON.stringify([db.services.version, Object.keys(fields), 'en_US', groups])).digest('hex');
  return { body, etag };
}
