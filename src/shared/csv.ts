import Papa from 'papaparse';

/**
 * Reading CSV as spreadsheets write it, with Papa Parse (RFC 4180: quoted fields may hold
 * delimiters, doubled quotes and line breaks; a UTF-8 BOM; ',' or, in many locales, ';' or a tab).
 * The renderer reads a picked file with it to preview and map columns; the main process reads the
 * import with it again and is the judge of every row.
 *
 * Every record keeps its spreadsheet row number: the header is row 1 and a blank line is a row
 * too, as in the spreadsheet the file came from, so a report can say "row 7" and mean the row the
 * person sees. A quoted line break stays inside its one row.
 */
export interface CsvRow {
  /** The spreadsheet's row number (header = 1, blank lines counted). */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  header: string[];
  /** The rows under the header that hold anything; blank rows are only counted. */
  rows: CsvRow[];
  blankLines: number;
  delimiter: string;
  /** The first thing Papa Parse could not read (an unclosed quote swallows the rest of the file). */
  problem?: { line: number; message: string };
}

const CANDIDATES = [',', ';', '\t'];

/** The delimiter that splits the header row into the most columns (Papa's own guess needs rows of equal width, which blank lines break). */
function sniffDelimiter(text: string): string {
  let best = ',';
  let bestCount = 1;
  for (const delimiter of CANDIDATES) {
    const count = Papa.parse<string[]>(text, { delimiter, preview: 1 }).data[0]?.length ?? 0;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

export function parseCsv(text: string): ParsedCsv {
  const clean = text.replace(/^\uFEFF/, '');
  const delimiter = sniffDelimiter(clean);
  const result = Papa.parse<string[]>(clean, { delimiter, skipEmptyLines: false });
  const records = result.data;
  // A file ending in a line break has no row after it, though Papa reports an empty one.
  if (records.length > 0 && /\r?\n$/.test(clean) && isBlank(records[records.length - 1]!)) records.pop();
  const [header = [], ...body] = records;
  const rows: CsvRow[] = [];
  let blankLines = 0;
  body.forEach((cells, i) => {
    if (isBlank(cells)) blankLines += 1;
    else rows.push({ line: i + 2, cells });
  });
  const error = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
  return {
    header: header.map((h) => h.trim()),
    rows,
    blankLines,
    delimiter,
    ...(error ? { problem: { line: (error.row ?? 0) + 1, message: `Row ${(error.row ?? 0) + 1} has a quote (") that is never closed, so the rest of the file reads as one cell. Fix the quote in the spreadsheet and export again.` } } : {}),
  };
}
