import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isSealed } from '../../src/main/core/crypto/cipher';

/**
 * Looks for people's addresses and names where the operating system or anyone with the disk could
 * read them: file contents and file names under a folder, and any text the process handed the OS
 * (log lines, window titles, notifications, recent documents). Sealed files (the profile's
 * AES-256-GCM layout) and sealed audit lines are ciphertext and are the one thing skipped; an
 * encrypted ZIP is read whole, so its entry names (stored in the clear) are scanned too.
 */
export interface Person {
  email: string;
  name: string;
}

export interface Leak {
  where: string;
  who: string;
}

const lower = (text: string) => text.toLowerCase();

/** Every person `text` names, by address or by full name (case-insensitive, also URL-encoded). */
export function peopleIn(text: string, people: readonly Person[]): string[] {
  const haystacks = [lower(text)];
  try {
    haystacks.push(lower(decodeURIComponent(text)));
  } catch {
    // Not URL-encoded text: the plain form is enough.
  }
  return people
    .filter((p) => haystacks.some((h) => h.includes(lower(p.email)) || h.includes(lower(p.name))))
    .map((p) => p.email);
}

/** An audit log line sealed on its own: base64 of the sealed layout. */
function isSealedLine(line: string): boolean {
  return /^[A-Za-z0-9+/=]+$/.test(line) && isSealed(Buffer.from(line, 'base64'));
}

function readableText(data: Buffer): string {
  if (isSealed(data)) return '';
  const text = data.toString('latin1');
  return text
    .split('\n')
    .filter((line) => !isSealedLine(line.trim()))
    .join('\n');
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    files.push(path);
    if (entry.isDirectory()) files.push(...(await walk(path)));
  }
  return files;
}

/** Every file or folder under `root` whose name or readable content names a person. */
export async function scanFolder(root: string, people: readonly Person[]): Promise<Leak[]> {
  const leaks: Leak[] = [];
  for (const path of await walk(root)) {
    const name = relative(root, path);
    for (const who of peopleIn(name, people)) leaks.push({ where: `${name} (file name)`, who });
    const data = await readFile(path).catch(() => null);
    if (!data) continue;
    for (const who of peopleIn(readableText(data), people)) leaks.push({ where: name, who });
  }
  return leaks;
}

/** Leaks in text the process gave the OS, each labelled by where it went (e.g. "window title"). */
export function scanTexts(texts: readonly { where: string; text: string }[], people: readonly Person[]): Leak[] {
  return texts.flatMap(({ where, text }) => peopleIn(text, people).map((who) => ({ where: `${where}: ${text.slice(0, 120)}`, who })));
}

/**
 * Captures what the process writes to stdout, stderr and the console (its log) while it runs.
 * Returns the lines written so far and a function that puts everything back.
 */
export function captureLog(): { lines: string[]; stop(): void } {
  const lines: string[] = [];
  const restores: (() => void)[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restores.push(() => void (stream.write = original));
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message}\n${a.stack ?? ''}` : JSON.stringify(a))).join(' '));
      original(...args);
    };
    restores.push(() => void (console[method] = original));
  }
  return { lines, stop: () => restores.reverse().forEach((restore) => restore()) };
}
