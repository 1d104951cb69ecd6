/**
 * Reading CSV as spreadsheets write it (RFC 4180: quoted fields may hold delimiters, doubled quotes
 * and line breaks; a UTF-8 BOM; ',' or, in many locales, ';' or a tab). The renderer reads a picked
 * file with it to preview and map columns; the main process reads the import with it again and is
 * the judge of every row. Blank lines are not rows.
 */
export interface ParsedCsv {
  header: string[];
  rows: string[][];
  delimiter: string;
}

/** The delimiter that occurs most on the first line. */
export function sniffDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

export function parseCsv(text: string): ParsedCsv {
  const clean = text.replace(/^\uFEFF/, '');
  const delimiter = sniffDelimiter(clean.split(/\r?\n/, 1)[0] ?? '');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (record.some((f) => f.trim() !== '')) records.push(record);
    record = [];
  };
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i] as string;
    if (quoted) {
      if (ch === '"' && clean[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && clean[i + 1] === '\n') i++;
      endRecord();
    } else field += ch;
  }
  endRecord();
  const [header = [], ...rows] = records;
  return { header: header.map((h) => h.trim()), rows, delimiter };
}
