/**
 * The Odoo recordings in tests/fixtures/, found or refused at once. A missing folder or file throws
 * a MissingFixtureError naming it, so a checkout without them fails in milliseconds with the cause,
 * not with a timeout in every test that would have used a server built on them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES_ROOT = path.join(REPO_ROOT, 'tests/fixtures');

/** The recorded servers: Odoo 18 over JSON-RPC, Odoo 19 over JSON-2. */
export const FIXTURE_SETS = ['odoo18-wire', 'odoo19-json2-wire'] as const;
export type FixtureSet = (typeof FIXTURE_SETS)[number];

export class MissingFixtureError extends Error {
  override name = 'MissingFixtureError';
}

function shown(target: string): string {
  const relative = path.relative(REPO_ROOT, target);
  return relative.startsWith('..') ? target : relative;
}

/** The folder of one recorded server; throws if it or its README is missing. */
export function fixtureDir(set: FixtureSet, root: string = FIXTURES_ROOT): string {
  const dir = path.join(root, set);
  if (!existsSync(dir)) {
    throw new MissingFixtureError(
      `Fixture folder ${shown(dir)} is missing. The tests replay recordings of real Odoo servers kept in the repository; restore it with \`git checkout -- tests/fixtures/${set}\`.`,
    );
  }
  if (!existsSync(path.join(dir, 'README.md'))) {
    throw new MissingFixtureError(`Fixture ${shown(path.join(dir, 'README.md'))} is missing: the recordings must travel with the notes that explain them.`);
  }
  return dir;
}

/** The numbered recordings of a set ("001-….json"), in order. */
export function fixtureFiles(set: FixtureSet, root: string = FIXTURES_ROOT): string[] {
  const files = readdirSync(fixtureDir(set, root))
    .filter((name) => /^\d{3}-.*\.json$/.test(name))
    .sort();
  if (files.length === 0) throw new MissingFixtureError(`Fixture folder ${shown(path.join(root, set))} holds no recordings (NNN-….json).`);
  return files;
}

/** One recording by its number or file-name prefix ('080', '110-action_launch'), parsed. */
export function readFixture(set: FixtureSet, prefix: string, root: string = FIXTURES_ROOT): { file: string; json: unknown } {
  const file = fixtureFiles(set, root).find((name) => name.startsWith(prefix));
  if (!file) throw new MissingFixtureError(`Fixture ${shown(path.join(root, set))}/${prefix}*.json is missing: no recording starts with ${prefix}.`);
  return { file, json: JSON.parse(readFileSync(path.join(root, set, file), 'utf8')) as unknown };
}
