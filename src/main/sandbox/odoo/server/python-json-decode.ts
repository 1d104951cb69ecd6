/**
 * Why Python's json.loads refuses a text, in its words: Odoo 19 quotes the JSONDecodeError in its
 * 400 for a JSON-2 body ("could not parse the body as json: Expecting ',' delimiter: line 1 column
 * 45 (char 44)", odoo19-json2-wire/019). JavaScript's JSON.parse words and places its errors
 * differently, so this walks the text as CPython 3.11's C scanner (Modules/_json.c) and
 * json/decoder.py do, and stops at the first place they would. Positions count code points, as
 * Python's str does. Returns null for a text Python reads (NaN, Infinity and -Infinity included).
 */

class Refused {
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/;
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

export function pythonJsonDecodeError(text: string): string | null {
  // json.loads refuses a str that starts with a byte order mark before scanning anything.
  if (text.startsWith('\ufeff')) return 'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)';
  const s = Array.from(text);
  const skip = (i: number): number => {
    while (i < s.length && WHITESPACE.has(s[i] as string)) i++;
    return i;
  };
  /** scan_once: the end of the value at i; "Expecting value" where none starts (StopIteration). */
  const value = (i: number): number => {
    const c = s[i];
    if (c === undefined) throw new Refused('Expecting value', i);
    if (c === '"') return string(i + 1);
    if (c === '{') return object(i + 1);
    if (c === '[') return array(i + 1);
    for (const word of ['null', 'true', 'false', 'NaN', 'Infinity', '-Infinity']) if (s.slice(i, i + word.length).join('') === word) return i + word.length;
    const number = NUMBER.exec(s.slice(i, i + 400).join(''));
    if (number) return i + Array.from(number[0]).length;
    throw new Refused('Expecting value', i);
  };
  /** scanstring_unicode from just after the opening quote; returns the index after the closing one. */
  const string = (start: number): number => {
    const begin = start - 1;
    let i = start;
    for (;;) {
      while (i < s.length && s[i] !== '"' && s[i] !== '\\') {
        if ((s[i] as string).charCodeAt(0) <= 0x1f) throw new Refused('Invalid control character at', i);
        i++;
      }
      if (i >= s.length) throw new Refused('Unterminated string starting at', begin);
      if (s[i] === '"') return i + 1;
      i++;
      if (i >= s.length) throw new Refused('Unterminated string starting at', begin);
      if (s[i] !== 'u') {
        if (!SIMPLE_ESCAPES.has(s[i] as string)) throw new Refused('Invalid \\escape', i - 1);
        i++;
        continue;
      }
      const end = i + 5;
      if (end >= s.length) throw new Refused('Invalid \\uXXXX escape', i);
      if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, end).join(''))) throw new Refused('Invalid \\uXXXX escape', i);
      i = end;
    }
  };
  const object = (start: number): number => {
    let i = skip(start);
    if (s[i] === '}') return i + 1;
    for (;;) {
      if (s[i] !== '"') throw new Refused('Expecting property name enclosed in double quotes', i);
      i = skip(string(i + 1));
      if (s[i] !== ':') throw new Refused("Expecting ':' delimiter", i);
      i = skip(value(skip(i + 1)));
      if (s[i] === '}') return i + 1;
      if (s[i] !== ',') throw new Refused("Expecting ',' delimiter", i);
      i = skip(i + 1);
    }
  };
  const array = (start: number): number => {
    let i = skip(start);
    if (s[i] === ']') return i + 1;
    for (;;) {
      i = skip(value(i));
      if (s[i] === ']') return i + 1;
      if (s[i] !== ',') throw new Refused("Expecting ',' delimiter", i);
      i = skip(i + 1);
    }
  };
  try {
    const end = skip(value(skip(0)));
    if (end !== s.length) throw new Refused('Extra data', end);
    return null;
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    // JSONDecodeError's own text: lines and columns counted from 1, the position from 0.
    const before = s.slice(0, error.at);
    const line = before.filter((c) => c === '\n').length + 1;
    const column = error.at - before.lastIndexOf('\n');
    return `${error.reason}: line ${line} column ${column} (char ${error.at})`;
  }
}
