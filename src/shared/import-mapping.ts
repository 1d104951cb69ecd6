import { z } from 'zod';

/**
 * What each column of an imported file becomes. One role per column, so every column is either
 * used or plainly skipped: the email, a name (whole, or first + last as Mailchimp and Shopify
 * export them), tags, or one of the Odoo contact's own fields (`field:company_name`), read from
 * Odoo's fields_get.
 */
export const ColumnRole = z.union([
  z.enum(['email', 'name', 'first_name', 'last_name', 'tags', 'document_id', 'skip']),
  z.templateLiteral(['field:', z.string().regex(/^[a-z][a-z0-9_]{0,62}$/)]),
]);
export type ColumnRole = z.infer<typeof ColumnRole>;

/** A mailing.contact field an import may fill, as Odoo's fields_get describes it. */
export const ImportField = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['char', 'text', 'integer', 'float', 'boolean', 'date', 'selection']),
  selection: z.array(z.tuple([z.string(), z.string()])).optional(),
});
export type ImportField = z.infer<typeof ImportField>;

const simplify = (header: string) => header.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

const GUESSES: [RegExp, ColumnRole][] = [
  [/^(e ?mail|email address|e mail address|courriel|correo|correo electronico)$/, 'email'],
  [/^(first name|firstname|given name|forename|prenom|prénom|nombre)$/, 'first_name'],
  [/^(last name|lastname|surname|family name|nom de famille|apellido|apellidos)$/, 'last_name'],
  [/^(name|full name|fullname|nom|contact|contact name)$/, 'name'],
  [/^(tags?|labels?|categor(y|ies))$/, 'tags'],
  // The storefront's own subscriber id, as the seed's API and older exports name it.
  [/^(documentid|document id|subscriber id|id)$/, 'document_id'],
];

/**
 * Columns named the usual way are mapped for the person, who can change it: the email, the
 * name, tags, then any column whose header is an Odoo field's label or name ("Company Name").
 * Everything else is skipped until they say otherwise. Each role is taken once.
 */
export function guessColumns(header: string[], fields: ImportField[] = []): ColumnRole[] {
  const taken = new Set<ColumnRole>();
  const take = (role: ColumnRole): ColumnRole => {
    if (taken.has(role)) return 'skip';
    taken.add(role);
    return role;
  };
  const roles = header.map((h): ColumnRole => {
    const simple = simplify(h);
    const known = GUESSES.find(([pattern]) => pattern.test(simple));
    if (known) return take(known[1]);
    const field = fields.find((f) => simplify(f.label) === simple || simplify(f.name) === simple);
    return field ? take(`field:${field.name}`) : 'skip';
  });
  // No header says "email": the first column that mentions mail is the best guess.
  if (!taken.has('email')) {
    const at = header.findIndex((h, i) => /mail/i.test(h) && roles[i] === 'skip');
    if (at !== -1) roles[at] = 'email';
  }
  return roles;
}

/** The mapping's mistakes a person can fix, in their words; empty when it can be imported. */
export function mappingProblems(roles: ColumnRole[]): string[] {
  const count = (role: ColumnRole) => roles.filter((r) => r === role).length;
  const problems: string[] = [];
  if (count('email') === 0) problems.push('Say which column holds the email addresses.');
  for (const role of ['email', 'name', 'first_name', 'last_name', 'tags', 'document_id'] as const) {
    if (count(role) > 1) problems.push(`Only one column can be the ${ROLE_LABELS[role].toLowerCase()}.`);
  }
  const fields = roles.filter((r) => r.startsWith('field:'));
  if (new Set(fields).size !== fields.length) problems.push('Two columns go to the same Odoo field; keep one.');
  if (count('name') > 0 && count('first_name') + count('last_name') > 0) problems.push('Use either a whole name column or first and last name columns, not both.');
  return problems;
}

export const ROLE_LABELS: Record<Exclude<ColumnRole, `field:${string}`>, string> = {
  email: 'Email',
  name: 'Name',
  first_name: 'First name',
  last_name: 'Last name',
  tags: 'Tags',
  document_id: 'Store subscriber id',
  skip: 'Skipped',
};
