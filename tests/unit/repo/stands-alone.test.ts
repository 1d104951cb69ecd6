/**
 * The repository must build and test from a fresh clone with nothing beside it. Any path written in
 * a tracked text file that climbs to a sibling "shared" folder, or names the workstation's absolute
 * /work folder, fails here. Relative imports such as src/renderer/src/x/../../../shared/… are fine:
 * resolved from their own file they land on src/shared, inside the repository, and exist.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/fixtures';

/** Not part of a clone: installed, built or produced by a run. */
const UNTRACKED_DIRS = new Set(['node_modules', 'out', 'dist', '.git', 'test-results', 'playwright-report', '.tools', 'coverage', '.markket-data']);
const TEXT = /\.(ts|tsx|js|mjs|cjs|json|md|yml|yaml|sh|html|css|txt)$|^run$/;

// This file spells the forbidden paths in its examples; it is the one file not scanned.
const SELF = fileURLToPath(import.meta.url);
const UP = '\\.\\./';
const RELATIVE_SHARED = new RegExp(`(?:\\./)?(?:${UP})+shared(?:/[\\w.@*-]+)*`, 'g');
const ABSOLUTE_WORK = new RegExp('/work/(?:shared|main|wt)\\b[^\\s\'"`)]*', 'g');

function textFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (UNTRACKED_DIRS.has(entry) || full === SELF) continue;
    if (statSync(full).isDirectory()) textFiles(full, out);
    else if (TEXT.test(entry)) out.push(full);
  }
  return out;
}

function insideRepo(target: string): boolean {
  const relative = path.relative(REPO_ROOT, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** A path as written, or as an extension-less import of a module. */
function exists(target: string): boolean {
  return ['', '.ts', '.tsx', '/index.ts'].some((suffix) => existsSync(target + suffix));
}

/** The suspicious paths of a file: those that, read from the file's own folder, leave the repository or lead nowhere. */
function escapes(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(RELATIVE_SHARED)) {
    const target = path.resolve(path.dirname(file), match[0].replace(/\/\*.*$/, ''));
    if (!insideRepo(target) || !exists(target)) found.push(match[0]);
  }
  for (const match of text.matchAll(ABSOLUTE_WORK)) found.push(match[0]);
  return found;
}

describe('the repository stands on its own', () => {
  it('reads and links nothing outside itself', () => {
    const offenders = textFiles(REPO_ROOT).flatMap((file) =>
      escapes(file, readFileSync(file, 'utf8')).map((reference) => `${path.relative(REPO_ROOT, file)}: ${reference}`),
    );
    expect(offenders).toEqual([]);
  });

  it('tells an import of src/shared from a path that leaves the repository', () => {
    const viewFile = path.join(REPO_ROOT, 'src/renderer/src/views/settings/profile-form.ts');
    expect(escapes(viewFile, `import x from '../../../../shared/schemas/profile';`)).toEqual([]);
    const testFile = path.join(REPO_ROOT, 'tests/support/replay-server.ts');
    expect(escapes(testFile, `path.resolve(repoRoot, 'tests/fixtures/odoo18-wire')`)).toEqual([]);
    expect(escapes(testFile, `path.resolve(repoRoot, '../shared/odoo18-wire')`)).toEqual(['../shared/odoo18-wire']);
    expect(escapes(path.join(REPO_ROOT, 'README.md'), 'See `../shared/ARCHITECTURE.md`')).toEqual(['../shared/ARCHITECTURE.md']);
    expect(escapes(testFile, `const dir = '/work/shared/odoo18-wire';`)).toEqual(['/work/shared/odoo18-wire']);
  });
});
