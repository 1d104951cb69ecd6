import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const repoRoot = join(import.meta.dirname, '../..');

/**
 * Bundles a TypeScript child-process script into one .mjs that plain `node` starts quickly.
 * It is written under node_modules/.cache so the packages left external (they load files of
 * their own at run time) resolve from the project's node_modules.
 */
export async function bundleChild(entry: string): Promise<string> {
  const outDir = join(repoRoot, 'node_modules', '.cache', 'markket-test-children');
  await mkdir(outDir, { recursive: true });
  const name = entry.split('/').pop()?.replace(/\.ts$/, '') ?? 'child';
  const outfile = join(outDir, `${name}-${randomBytes(4).toString('hex')}.mjs`);
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'silent', packages: 'external' });
  return outfile;
}
