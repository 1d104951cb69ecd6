/**
 * JSON as Odoo writes it (Python's json.dumps with its default ", " and ": " separators): the
 * recordings' Content-Length counts those spaces (odoo18-wire/048: 642 bytes), so answers here
 * weigh what a real Odoo's do and byte budgets measured on the peer hold on Odoo.
 */
export function pythonJson(value: unknown): string {
  return pythonJsonValue(value) ?? 'null';
}

/**
 * JSON.stringify's rules (toJSON, undefined members left out, undefined in arrays as null) with
 * Python's separators, built while walking the value: scanning JSON.stringify's compact text for
 * separators outside strings took three times as long, and answers of 500 contacts are common.
 */
function pythonJsonValue(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return pythonJsonValue(withJson.toJSON());
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += `${i ? ', ' : ''}${pythonJsonValue(value[i]) ?? 'null'}`;
    return `${text}]`;
  }
  let text = '{';
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    const encoded = pythonJsonValue(member);
    if (encoded === undefined) continue;
    text += `${first ? '' : ', '}${JSON.stringify(key)}: ${encoded}`;
    first = false;
  }
  return `${text}}`;
}
