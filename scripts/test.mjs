#!/usr/bin/env node
// `npm test`: every check the project has, in one command, ending with the line CI reads:
// "N passed, N failed, N skipped". Keychain tests need a real Secret Service, so on Linux the
// whole run is re-executed inside a private D-Bus session with an unlocked gnome-keyring.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

if (process.platform === 'linux' && !process.env.MARKKET_TEST_SESSION && which('dbus-run-session') && which('gnome-keyring-daemon')) {
  const xdg = mkdtempSync(join(tmpdir(), 'markket-keyring-'));
  const inner = `echo -n markket-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec node "${join(root, 'scripts/test.mjs')}" ${process.argv.slice(2).map((a) => JSON.stringify(a)).join(' ')}`;
  const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    stdio: 'inherit',
    env: { ...env, MARKKET_TEST_SESSION: '1', XDG_DATA_HOME: xdg },
  });
  rmSync(xdg, { recursive: true, force: true });
  process.exit(run.status ?? 1);
}

const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(name, cmd, args) {
  process.stdout.write(`\n▶ ${name}\n`);
  const run = spawnSync(cmd, args, { stdio: 'inherit', env, cwd: root });
  if (run.status !== 0) failures.push(name);
  return run.status === 0;
}

function countCheck(name, ok) {
  if (ok) tally.passed += 1;
  else tally.failed += 1;
}

countCheck('typecheck', step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']) & step('typecheck (renderer)', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']));
countCheck('lint', step('lint', 'npx', ['eslint', '.', '--max-warnings=0']));
const built = step('build (electron-vite)', 'npx', ['electron-vite', 'build']);
countCheck('build', built);

const vitestJson = join(results, 'vitest.json');
rmSync(vitestJson, { force: true });
step('unit + integration tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  tally.passed += report.numPassedTests ?? 0;
  tally.failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0);
  tally.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if ((report.numFailedTestSuites ?? 0) > 0 && (report.numFailedTests ?? 0) === 0) tally.failed += report.numFailedTestSuites;
} else {
  tally.failed += 1;
}

if (built && existsSync(join(root, 'playwright.config.ts'))) {
  const pwJson = join(results, 'playwright.json');
  rmSync(pwJson, { force: true });
  step('end-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test']);
  if (existsSync(pwJson)) {
    const stats = JSON.parse(readFileSync(pwJson, 'utf8')).stats ?? {};
    tally.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    tally.failed += stats.unexpected ?? 0;
    tally.skipped += stats.skipped ?? 0;
  } else {
    tally.failed += 1;
  }
}

if (existsSync(join(root, 'scripts/audit-electron.mjs'))) {
  countCheck('electron security audit', step('electron security audit (electronegativity)', 'node', ['scripts/audit-electron.mjs']));
}

if (failures.length > 0) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(tally.failed > 0 || failures.length > 0 ? 1 : 0);
